using System.Globalization;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;

namespace LoyaltyPortal.Features.Members.Import;

/// <summary>One valid row, in stored form. Null means the cell was blank: a new member gets the default, an existing one keeps theirs.</summary>
internal sealed record ImportRow(
    long RowNumber, string ExternalId, string Name, string? Email, string? Phone, int? StoreId, DateTime? JoinedAt, bool? Consent,
    DateTime? LastVisitAt, decimal? Spend, string? Currency, TierStep? Tier);

/// <summary>What a row is checked against: the programme's stores, tiers, currencies, phone region and today.</summary>
internal sealed record ImportLookups(
    IReadOnlyDictionary<string, int> StoresByName, IReadOnlySet<int> StoreIds, IReadOnlyDictionary<string, TierStep> TiersByName,
    IReadOnlyList<string> Currencies, string Region, DateOnly Today);

/// <summary>Turns a row's cells into an <see cref="ImportRow"/> or the one sentence that says what to fix.</summary>
internal sealed class ImportRowParser(ImportMapping mapping, ImportLookups lookups, Func<DateOnly, DateTime> toUtc)
{
    public const decimal MaxSpend = 10_000_000m;
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);

    private readonly int width = mapping.Columns.Count == 0 ? 0 : mapping.Columns.Values.Max() + 1;

    /// <summary>The external id as written, even on a bad row, so the error report can name it.</summary>
    public string? ExternalIdOf(CsvRow row) => Cell(row, ImportField.ExternalId) is { Length: > 0 } id ? MemberRules.Truncate(id, MemberRules.ExternalIdMaxLength) : null;

    public (ImportRow? Row, string? Error) Parse(CsvRow row)
    {
        if (row.Problem is not null) return (null, row.Problem);
        if (row.Cells.Length < width) return (null, $"The row has {row.Cells.Length} columns; the mapped columns need {width}.");

        var externalId = Cell(row, ImportField.ExternalId) ?? "";
        if (externalId.Length == 0) return (null, "The external id is empty.");
        if (externalId.Length > MemberRules.ExternalIdMaxLength) return (null, $"The external id is longer than {MemberRules.ExternalIdMaxLength} characters.");
        if (!externalId.All(c => c > ' ' && c < 0x7F)) return (null, "The external id may hold only letters, digits and punctuation, without spaces.");

        var name = Cell(row, ImportField.PreferredName);
        if (MemberRules.ValidateName(name) is { } nameError) return (null, "Name: " + nameError.Replace("Enter the name you like to be called.", "The name is empty.", StringComparison.Ordinal));

        var email = Cell(row, ImportField.Email);
        if (email is not null && MemberRules.ValidateEmail(email) is { } emailError) return (null, "Email: " + emailError);

        string? phone = null;
        if (Cell(row, ImportField.Phone) is { } typedPhone && (phone = MemberRules.NormalizePhone(typedPhone, lookups.Region)) is null)
        {
            return (null, "Phone: " + MemberRules.PhoneMessage(lookups.Region));
        }

        int? storeId = null;
        if (Cell(row, ImportField.Store) is { } store)
        {
            if (lookups.StoresByName.TryGetValue(store, out var byName)) storeId = byName;
            else if (int.TryParse(store, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && lookups.StoreIds.Contains(number)) storeId = number;
            else return (null, $"Store: there is no store called \"{MemberRules.Truncate(store, 60)}\".");
        }

        if (!TryDate(row, ImportField.JoinedOn, out var joined, out var joinedError)) return (null, joinedError);
        if (!TryDate(row, ImportField.LastVisitOn, out var lastVisit, out var visitError)) return (null, visitError);
        if (joined is { } j && lastVisit is { } v && v < j) return (null, "Last visit: the last visit is before the member joined.");

        bool? consent = null;
        if (Cell(row, ImportField.MarketingConsent) is { } consentText)
        {
            consent = consentText.ToLowerInvariant() switch
            {
                "yes" or "y" or "true" or "1" => true,
                "no" or "n" or "false" or "0" => false,
                _ => null,
            };
            if (consent is null) return (null, "Marketing consent: write yes or no.");
        }

        var currency = Cell(row, ImportField.Currency)?.ToUpperInvariant() ?? lookups.Currencies[0];
        if (!lookups.Currencies.Contains(currency)) return (null, $"Currency: use one of {string.Join(", ", lookups.Currencies)}.");
        decimal? spend = null;
        if (Cell(row, ImportField.LifetimeSpend) is { } spendText)
        {
            if (!decimal.TryParse(spendText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return (null, "Lifetime spend: write a number such as 1234.50, without a currency sign or thousands separators.");
            }
            if (amount > MaxSpend) return (null, $"Lifetime spend: at most {MaxSpend:N0}.");
            if (decimal.Round(amount, CurrencyUnits.DecimalPlaces(currency)) != amount) return (null, "Lifetime spend: " + CurrencyUnits.TooPrecise(currency));
            spend = amount;
        }

        TierStep? tier = null;
        if (Cell(row, ImportField.TierToHonour) is { } tierName && !lookups.TiersByName.TryGetValue(tierName, out tier))
        {
            return (null, $"Tier: there is no tier called \"{MemberRules.Truncate(tierName, 60)}\". Tiers: {string.Join(", ", lookups.TiersByName.Values.Select(t => t.Name))}.");
        }

        return (new ImportRow(row.RowNumber, externalId, name!.Trim(), email, phone, storeId, joined is { } jd ? toUtc(jd) : null, consent,
            lastVisit is { } lv ? toUtc(lv) : null, spend, spend is null ? null : currency, tier), null);
    }

    private bool TryDate(CsvRow row, ImportField field, out DateOnly? date, out string? error)
    {
        (date, error) = (null, null);
        if (Cell(row, field) is not { } text) return true;
        var label = field == ImportField.JoinedOn ? "Joined on" : "Last visit";
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = $"{label}: write the date as year-month-day, like 2024-03-31.";
            return false;
        }
        if (parsed < EarliestDate || parsed > lookups.Today)
        {
            error = $"{label}: the date must be between {EarliestDate:yyyy-MM-dd} and today.";
            return false;
        }
        date = parsed;
        return true;
    }

    /// <summary>The trimmed cell of a mapped field; null when unmapped or blank.</summary>
    private string? Cell(CsvRow row, ImportField field) =>
        mapping.ColumnOf(field) is { } column && column < row.Cells.Length && row.Cells[column] is { Length: > 0 } text ? text.Trim() : null;
}
