namespace LoyaltyPortal.Features.Members.Import;

/// <summary>What a column of the uploaded file can hold.</summary>
public enum ImportField
{
    ExternalId,
    PreferredName,
    Email,
    Phone,
    Store,
    JoinedOn,
    MarketingConsent,
    LastVisitOn,
    LifetimeSpend,
    Currency,
    TierToHonour,
}

public static class ImportFields
{
    public static IReadOnlyList<ImportField> All { get; } = Enum.GetValues<ImportField>();

    public static bool IsRequired(this ImportField field) => field is ImportField.ExternalId or ImportField.PreferredName;

    /// <summary>The field a header most likely names, so the usual files map themselves.</summary>
    public static ImportField? Guess(string header)
    {
        var key = new string(header.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
        return key switch
        {
            "externalid" or "id" or "customerid" or "memberid" or "customernumber" => ImportField.ExternalId,
            "preferredname" or "name" or "fullname" or "customername" => ImportField.PreferredName,
            "email" or "emailaddress" => ImportField.Email,
            "phone" or "phonenumber" or "mobile" or "telephone" => ImportField.Phone,
            "store" or "homestore" or "storename" or "storecode" => ImportField.Store,
            "joined" or "joinedon" or "joinedat" or "joindate" or "joineddate" or "signupdate" => ImportField.JoinedOn,
            "marketingconsent" or "consent" or "optin" or "marketing" => ImportField.MarketingConsent,
            "lastvisit" or "lastvisiton" or "lastvisitdate" or "lastseen" => ImportField.LastVisitOn,
            "lifetimespend" or "totalspend" or "spend" => ImportField.LifetimeSpend,
            "currency" or "spendcurrency" => ImportField.Currency,
            "tier" or "tiertohonour" or "tiertohonor" or "honouredtier" => ImportField.TierToHonour,
            _ => null,
        };
    }
}

/// <summary>Which column (0-based) holds each field; a field not in the map is not imported.</summary>
public sealed record ImportMapping(IReadOnlyDictionary<ImportField, int> Columns)
{
    public static ImportMapping Suggest(IReadOnlyList<string> headers)
    {
        var columns = new Dictionary<ImportField, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (ImportFields.Guess(headers[i]) is { } field) columns.TryAdd(field, i);
        }
        return new(columns);
    }

    public int? ColumnOf(ImportField field) => Columns.TryGetValue(field, out var column) ? column : null;
}

/// <summary>A file uploaded for import, kept in a temporary folder until it is imported or a day has passed.</summary>
public sealed record ImportUpload(Guid Id, string FileName, long Bytes);

public sealed record ImportRowError(long RowNumber, string? ExternalId, string Message);

/// <summary>A row as shown in the preview: its cells and, once a mapping is chosen, what is wrong with it.</summary>
public sealed record ImportPreviewRow(long RowNumber, IReadOnlyList<string> Cells, string? Error);

public sealed record ImportPreview(
    bool Succeeded, string Message, IReadOnlyList<string> Headers, ImportMapping Suggested, IReadOnlyList<ImportPreviewRow> Rows)
    : OperationResult(Succeeded, Message)
{
    public static ImportPreview Failed(string message) => new(false, message, [], new(new Dictionary<ImportField, int>()), []);
}

public sealed record ImportCounts(long Rows, long Created, long Updated, long Unchanged, long Errors)
{
    public static readonly ImportCounts None = new(0, 0, 0, 0, 0);

    public ImportCounts Add(ImportCounts other) => new(Rows + other.Rows, Created + other.Created, Updated + other.Updated,
        Unchanged + other.Unchanged, Errors + other.Errors);
}

/// <summary>How far an import has got: rows done of the file's total.</summary>
public sealed record ImportProgress(long TotalRows, ImportCounts Counts)
{
    public double Percent => TotalRows == 0 ? 100 : Math.Min(100, 100.0 * Counts.Rows / TotalRows);
}

/// <summary>
/// What an import or dry run did. <see cref="ErrorReportId"/> names the downloadable report of every refused row;
/// <see cref="FirstErrors"/> is the start of it, for the page.
/// </summary>
public sealed record ImportSummary(
    bool Succeeded, string Message, bool DryRun, ImportCounts Counts, IReadOnlyList<ImportRowError> FirstErrors, Guid? ErrorReportId)
    : OperationResult(Succeeded, Message)
{
    public static ImportSummary Failed(bool dryRun, string message) => new(false, message, dryRun, ImportCounts.None, [], null);
}
