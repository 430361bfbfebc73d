using System.Globalization;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Features.Recognition;
using Microsoft.Extensions.Localization;
using PhoneNumbers;

namespace LoyaltyPortal.Features.Members.Import;

/// <summary>One valid row, in stored form. Null means the cell was blank: a new member gets the default, an existing one keeps theirs.</summary>
internal sealed record ImportRow(
    long RowNumber, string ExternalId, string Name, string? Email, string? Phone, int? StoreId, DateTime? JoinedAt, bool? Consent,
    DateTime? LastVisitAt, decimal? Spend, string? Currency, TierStep? Tier);

/// <summary>What a row is checked against: the programme's stores, tiers, currencies, phone region and today.</summary>
internal sealed record ImportLookups(
    IReadOnlyDictionary<string, int> StoresByName, IReadOnlySet<int> StoreIds, IReadOnlyDictionary<string, TierStep> TiersByName,
    IReadOnlyList<string> Currencies, string Region, DateOnly Today);

/// <summary>Turns a row's cells into an <see cref="ImportRow"/> or the one sentence that says what to fix, in the manager's language.</summary>
internal sealed class ImportRowParser(ImportMapping mapping, ImportLookups lookups, Func<DateOnly, DateTime> toUtc, IStringLocalizer<ImportText> text)
{
    private static readonly PhoneNumberUtil PhoneNumbers = PhoneNumberUtil.GetInstance();

    public const decimal MaxSpend = 10_000_000m;
    public static readonly DateOnly EarliestDate = new(1970, 1, 1);

    private readonly int width = mapping.Columns.Count == 0 ? 0 : mapping.Columns.Values.Max() + 1;

    /// <summary>The external id as written, even on a bad row, so the error report can name it.</summary>
    public string? ExternalIdOf(CsvRow row) => Cell(row, ImportField.ExternalId) is { Length: > 0 } id ? MemberRules.Truncate(id, MemberRules.ExternalIdMaxLength) : null;

    public (ImportRow? Row, string? Error) Parse(CsvRow row)
    {
        if (row.Problem is not null) return (null, row.Problem);
        if (row.Cells.Length < width) return (null, text["The row has {0} columns; the mapped columns need {1}.", row.Cells.Length, width]);

        var externalId = Cell(row, ImportField.ExternalId) ?? "";
        if (externalId.Length == 0) return (null, text["The external id is empty."]);
        if (externalId.Length > MemberRules.ExternalIdMaxLength) return (null, text["The external id is longer than {0} characters.", MemberRules.ExternalIdMaxLength]);
        if (!externalId.All(c => c > ' ' && c < 0x7F)) return (null, text["The external id may hold only letters, digits and punctuation, without spaces."]);

        var name = Cell(row, ImportField.PreferredName);
        if (NameProblem(name) is { } nameError) return (null, nameError);

        var email = Cell(row, ImportField.Email);
        if (email is not null && MemberRules.ValidateEmail(email) is not null)
        {
            return (null, email.Length > MemberRules.EmailMaxLength
                ? text["Email: Use at most {0} characters.", MemberRules.EmailMaxLength]
                : text["Email: Enter an email address like name@example.com."]);
        }

        string? phone = null;
        if (Cell(row, ImportField.Phone) is { } typedPhone && (phone = MemberRules.NormalizePhone(typedPhone, lookups.Region)) is null)
        {
            return (null, PhoneProblem());
        }

        int? storeId = null;
        if (Cell(row, ImportField.Store) is { } store)
        {
            if (lookups.StoresByName.TryGetValue(store, out var byName)) storeId = byName;
            else if (int.TryParse(store, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && lookups.StoreIds.Contains(number)) storeId = number;
            else return (null, text["Store: there is no store called \"{0}\".", MemberRules.Truncate(store, 60)]);
        }

        if (!TryDate(row, ImportField.JoinedOn, out var joined, out var joinedError)) return (null, joinedError);
        if (!TryDate(row, ImportField.LastVisitOn, out var lastVisit, out var visitError)) return (null, visitError);
        if (joined is { } j && lastVisit is { } v && v < j) return (null, text["Last visit: the last visit is before the member joined."]);

        bool? consent = null;
        if (Cell(row, ImportField.MarketingConsent) is { } consentText)
        {
            consent = consentText.ToLowerInvariant() switch
            {
                "yes" or "y" or "true" or "1" => true,
                "no" or "n" or "false" or "0" => false,
                _ => null,
            };
            if (consent is null) return (null, text["Marketing consent: write yes or no."]);
        }

        var currency = Cell(row, ImportField.Currency)?.ToUpperInvariant() ?? lookups.Currencies[0];
        if (!lookups.Currencies.Contains(currency)) return (null, text["Currency: use one of {0}.", string.Join(", ", lookups.Currencies)]);
        decimal? spend = null;
        if (Cell(row, ImportField.LifetimeSpend) is { } spendText)
        {
            if (!decimal.TryParse(spendText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return (null, text["Lifetime spend: write a number such as 1234.50, without a currency sign or thousands separators."]);
            }
            if (amount > MaxSpend) return (null, text["Lifetime spend: at most {0:N0}.", MaxSpend]);
            if (CurrencyUnits.DecimalPlaces(currency) is var places && decimal.Round(amount, places) != amount)
            {
                return (null, places == 0
                    ? text["Lifetime spend: {0} amounts are whole numbers; check the amount.", currency]
                    : text["Lifetime spend: {0} amounts have at most {1} decimal places; check the amount.", currency, places]);
            }
            spend = amount;
        }

        TierStep? tier = null;
        if (Cell(row, ImportField.TierToHonour) is { } tierName && !lookups.TiersByName.TryGetValue(tierName, out tier))
        {
            return (null, text["Tier: there is no tier called \"{0}\". Tiers: {1}.", MemberRules.Truncate(tierName, 60), string.Join(", ", lookups.TiersByName.Values.Select(t => t.Name))]);
        }

        return (new ImportRow(row.RowNumber, externalId, name!.Trim(), email, phone, storeId, joined is { } jd ? toUtc(jd) : null, consent,
            lastVisit is { } lv ? toUtc(lv) : null, spend, spend is null ? null : currency, tier), null);
    }

    private bool TryDate(CsvRow row, ImportField field, out DateOnly? date, out string? error)
    {
        (date, error) = (null, null);
        if (Cell(row, field) is not { } cell) return true;
        var joinedOn = field == ImportField.JoinedOn;
        if (!DateOnly.TryParseExact(cell, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            error = joinedOn ? text["Joined on: write the date as year-month-day, like 2024-03-31."] : text["Last visit: write the date as year-month-day, like 2024-03-31."];
            return false;
        }
        if (parsed < EarliestDate || parsed > lookups.Today)
        {
            var earliest = EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            error = joinedOn ? text["Joined on: the date must be between {0} and today.", earliest] : text["Last visit: the date must be between {0} and today.", earliest];
            return false;
        }
        date = parsed;
        return true;
    }

    /// <summary>What is wrong with a name, by <see cref="MemberRules.ValidateName"/>'s rules; null when it is fine.</summary>
    private string? NameProblem(string? name)
    {
        if (MemberRules.ValidateName(name) is null) return null;
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0) return text["Name: The name is empty."];
        if (trimmed.Length > MemberRules.NameMaxLength) return text["Name: Use at most {0} characters.", MemberRules.NameMaxLength];
        if (TextRules.HasDirectionControls(trimmed)) return text["Name: Remove the hidden text-direction characters; they change the order words are shown in."];
        if (trimmed.Any(char.IsControl) || !MemberRules.IsPrintableText(trimmed)) return text["Name: The name contains characters that cannot be shown."];
        return text["Name: The name needs at least one letter."];
    }

    /// <summary>"Phone: Enter a phone number like +44 7400 123456 or 07400 123456.", with libphonenumber's example mobile for the region.</summary>
    private string PhoneProblem() => PhoneNumbers.GetExampleNumberForType(lookups.Region, PhoneNumberType.MOBILE) is { } example
        ? text["Phone: Enter a phone number like {0} or {1}.", PhoneNumbers.Format(example, PhoneNumberFormat.INTERNATIONAL), PhoneNumbers.Format(example, PhoneNumberFormat.NATIONAL)]
        : text["Phone: Enter a phone number with its country code, like +44 7400 123456."];

    /// <summary>The trimmed cell of a mapped field; null when unmapped or blank.</summary>
    private string? Cell(CsvRow row, ImportField field) =>
        mapping.ColumnOf(field) is { } column && column < row.Cells.Length && row.Cells[column] is { Length: > 0 } text ? text.Trim() : null;
}
