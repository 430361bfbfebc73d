using System.Data.Common;
using System.Globalization;
using System.Threading.Channels;
using CsvHelper;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Components.Shared;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Members.Import;

public sealed record ImportUploadResult(bool Succeeded, string Message, ImportUpload? Upload) : OperationResult(Succeeded, Message);

/// <summary>
/// Managers import members from another system's CSV: upload, map columns to fields, preview, dry run, import.
/// Problems with the file as a whole (not UTF-8, an endless line, no header) are found by a first pass before anything
/// is written. After that a bad row is reported and skipped, never stopping the good ones; rows are written a batch
/// per transaction, and a batch that fails is retried a row per transaction, so no row is ever half written.
/// </summary>
public sealed class MemberImportService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, ActiveCallers callers, ProgrammeCalendar calendar, ImportFileStore files,
    IOptions<MemberSettings> memberSettings, IOptions<RecognitionOptions> recognition, IStringLocalizer<ImportText> text)
{
    public const long MaxFileBytes = 200L * 1024 * 1024;
    public const int PreviewRowCount = 20;
    /// <summary>
    /// Rows a transaction. Measured on 1M rows (SQLite, 2 cores): 5,000 took 116.7 s, 20,000 took 92.0 s (fewer commits,
    /// each index page written once for more rows), 50,000 took 110.9 s (the reading thread waits longer per batch).
    /// </summary>
    public const int DefaultBatchSize = 20_000;
    public const int MaxBatchSize = 50_000;
    public const int FirstErrorsKept = 100;
    private const string ManagersOnly = "Only managers can import members.";

    /// <summary>Copies the upload to a temporary file as it arrives, refusing it past <see cref="MaxFileBytes"/>.</summary>
    public async Task<ImportUploadResult> UploadAsync(Caller caller, Stream content, string fileName, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, ManagersOnly, ct);
        var name = MemberRules.Truncate(Path.GetFileName(fileName ?? "members.csv"), 120);
        var (id, path) = files.Create(caller.UserId, name);
        long total = 0;
        await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxFileBytes) break;
                await target.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        if (total > MaxFileBytes)
        {
            files.Delete(id);
            return new(false, text["The file is larger than {0} MB. Split it and import the parts one after another.", MaxFileBytes / (1024 * 1024)], null);
        }
        if (total == 0)
        {
            files.Delete(id);
            return new(false, text["The file is empty. Choose a CSV file with a header row and one row per member."], null);
        }
        return new(true, text["Uploaded {0}.", name], new ImportUpload(id, name, total));
    }

    /// <summary>The header, a suggested mapping and the first rows; with a mapping, what is wrong with each of those rows.</summary>
    public async Task<ImportPreview> PreviewAsync(Caller caller, Guid uploadId, ImportMapping? mapping = null, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, ManagersOnly, ct);
        if (files.Find(caller.UserId, uploadId) is not { } file) return ImportPreview.Failed(text[UploadGone]);
        try
        {
            using var reader = new ImportCsvReader(file.Path, text);
            var headers = reader.ReadHeader();
            var suggested = ImportMapping.Suggest(headers);
            var rows = new List<CsvRow>();
            while (rows.Count < PreviewRowCount && reader.Next() is { } row) rows.Add(row);
            if (mapping is null) return new(true, text["{0}: {1} columns.", file.FileName, headers.Count], headers, suggested, rows.Select(r => new ImportPreviewRow(r.RowNumber, r.Cells, null)).ToList());
            if (ValidateMapping(mapping, headers.Count) is { } mappingError) return new(false, mappingError, headers, suggested, []);

            var parser = new ImportRowParser(mapping, await LoadLookupsAsync(ct), ToUtc, text);
            var seen = new FileIdentities();
            var checkedRows = rows.Select(r => new ImportPreviewRow(r.RowNumber, r.Cells, Check(parser, r, seen, text).Error)).ToList();
            return new(true, text["{0} of the first {1} rows are ready to import.", checkedRows.Count(r => r.Error is null), checkedRows.Count], headers, suggested, checkedRows);
        }
        catch (ImportFileException e)
        {
            return ImportPreview.Failed(e.Message);
        }
    }

    /// <summary>Null when the mapping names each required field once and only columns the file has.</summary>
    public string? ValidateMapping(ImportMapping mapping, int columnCount)
    {
        var missing = ImportFields.All.Where(f => f.IsRequired() && mapping.ColumnOf(f) is null).Select(text.Field).ToList();
        if (missing.Count > 0) return text["Choose the column that holds: {0}.", string.Join(", ", missing)];
        if (mapping.Columns.Values.Any(c => c < 0 || c >= columnCount)) return text["A mapped column is not in the file; choose the columns again."];
        if (mapping.Columns.Values.Distinct().Count() != mapping.Columns.Count) return text["Each column can hold one field; a column is chosen twice."];
        return null;
    }

    /// <summary>
    /// Checks every row and, unless <paramref name="dryRun"/>, writes them. Reports progress after each batch and writes
    /// every refused row to an error report.
    /// </summary>
    public async Task<ImportSummary> RunAsync(Caller caller, Guid uploadId, ImportMapping mapping, bool dryRun,
        Action<ImportProgress>? progress = null, int batchSize = DefaultBatchSize, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, ManagersOnly, ct);
        if (files.Find(caller.UserId, uploadId) is not { } file) return ImportSummary.Failed(dryRun, text[UploadGone]);
        batchSize = Math.Clamp(batchSize, 1, MaxBatchSize);
        long totalRows;
        try
        {
            totalRows = Scan(file.Path, mapping);
        }
        catch (ImportFileException e)
        {
            return ImportSummary.Failed(dryRun, e.Message);
        }
        progress?.Invoke(new ImportProgress(totalRows, ImportCounts.None));

        var lookups = await LoadLookupsAsync(ct);
        var parser = new ImportRowParser(mapping, lookups, ToUtc, text);
        var writer = await NewWriterAsync(caller, ct);
        var (reportId, reportPath) = files.Create(caller.UserId, Path.GetFileNameWithoutExtension(file.FileName) + "-errors.csv");
        var counts = ImportCounts.None;
        var firstErrors = new List<ImportRowError>();
        await using (var report = new CsvWriter(new StreamWriter(reportPath), CultureInfo.InvariantCulture))
        {
            report.WriteField(text["Row"].Value);
            report.WriteField(text["External id"].Value);
            report.WriteField(text["Error"].Value);
            await report.NextRecordAsync();
            void Refuse(ImportRowError error)
            {
                report.WriteField(error.RowNumber.ToString(CultureInfo.InvariantCulture));
                report.WriteField(CsvCells.Neutralise(error.ExternalId ?? ""));
                report.WriteField(CsvCells.Neutralise(error.Message));
                report.NextRecord();
                if (firstErrors.Count < FirstErrorsKept) firstErrors.Add(error);
            }

            // One thread reads and checks rows while this one writes the previous batch.
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var batches = Channel.CreateBounded<ParsedBatch>(2);
            var reading = Task.Run(() => Read(file.Path, parser, text, batchSize, batches.Writer, stop.Token), stop.Token);
            try
            {
                await using var session = await ImportWriteSession.OpenAsync(dbFactory, totalRows, dryRun, ct);
                await foreach (var batch in batches.Reader.ReadAllAsync(ct))
                {
                    foreach (var error in batch.Errors) Refuse(error);
                    var result = await ApplyBatchAsync(session.Db, writer, batch.Rows, dryRun, text, ct);
                    foreach (var error in result.Errors) Refuse(error);
                    counts = counts.Add(result.Counts).Add(new ImportCounts(batch.Errors.Count, 0, 0, 0, batch.Errors.Count));
                    progress?.Invoke(new ImportProgress(totalRows, counts));
                }
            }
            finally
            {
                // The reader reports its own failures through the channel; this only waits for it to let go of the file.
                await stop.CancelAsync();
                await Task.WhenAny(reading);
            }
        }

        var message = dryRun
            ? text["{0:N0} rows: {1:N0} would be created, {2:N0} would be updated, {3:N0} unchanged, {4:N0} with errors. Nothing was written (dry run).",
                counts.Rows, counts.Created, counts.Updated, counts.Unchanged, counts.Errors]
            : text["{0:N0} rows: {1:N0} were created, {2:N0} were updated, {3:N0} unchanged, {4:N0} with errors.",
                counts.Rows, counts.Created, counts.Updated, counts.Unchanged, counts.Errors];
        return new ImportSummary(true, message, dryRun, counts, firstErrors, reportId);
    }

    /// <summary>Opens an error report for download; null when it is not this manager's or has been cleaned away.</summary>
    public async Task<(Stream Content, string FileName)?> OpenErrorReportAsync(Caller caller, Guid reportId, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, ManagersOnly, ct);
        return files.Find(caller.UserId, reportId) is { } file
            ? (new FileStream(file.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), file.FileName)
            : null;
    }

    private const string UploadGone = "The uploaded file is no longer available. Upload it again.";

    /// <summary>Valid rows and refused ones, in file order, as the reading thread hands them over.</summary>
    private sealed record ParsedBatch(List<ImportRow> Rows, List<ImportRowError> Errors);

    /// <summary>Reads and checks every row, handing over a batch when it holds <paramref name="batchSize"/> valid or refused rows.</summary>
    private static void Read(string path, ImportRowParser parser, IStringLocalizer<ImportText> text, int batchSize, ChannelWriter<ParsedBatch> batches, CancellationToken ct)
    {
        try
        {
            using var reader = new ImportCsvReader(path, text);
            reader.ReadHeader();
            var seen = new FileIdentities();
            var batch = new ParsedBatch(new List<ImportRow>(batchSize), []);
            while (reader.Next() is { } row)
            {
                var (parsed, error) = Check(parser, row, seen, text);
                if (parsed is not null) batch.Rows.Add(parsed);
                else batch.Errors.Add(new ImportRowError(row.RowNumber, parser.ExternalIdOf(row), error!));
                if (batch.Rows.Count < batchSize && batch.Errors.Count < batchSize) continue;
                Hand(batch);
                batch = new ParsedBatch(new List<ImportRow>(batchSize), []);
            }
            Hand(batch);
            batches.Complete();
        }
        catch (Exception e)
        {
            batches.Complete(e);
        }

        void Hand(ParsedBatch batch)
        {
            // Synchronous on purpose: this is a thread of its own, blocked only while the writer is two batches behind.
            if (!batches.TryWrite(batch)) batches.WriteAsync(batch, ct).AsTask().GetAwaiter().GetResult();
        }
    }

    private static (ImportRow? Row, string? Error) Check(ImportRowParser parser, CsvRow row, FileIdentities seen, IStringLocalizer<ImportText> text)
    {
        var (parsed, error) = parser.Parse(row);
        if (parsed is null) return (null, error);
        if (seen.ExternalIds.TryGetValue(parsed.ExternalId, out var earlier))
        {
            return (null, text["The external id {0} is also on row {1:N0}; each member can be in the file once.", parsed.ExternalId, earlier]);
        }
        // One person is one member, as at the counter's enrolment: a phone or email can be on one row only.
        if (parsed.Phone is { } phone && seen.Phones.TryGetValue(phone, out earlier))
        {
            return (null, text["The phone number {0} is also on row {1:N0}; one person is one member.", phone, earlier]);
        }
        var searchEmail = MemberSearchForms.Email(parsed.Email);
        if (searchEmail is not null && seen.Emails.TryGetValue(searchEmail, out earlier))
        {
            return (null, text["The email address {0} is also on row {1:N0}; one person is one member.", parsed.Email!, earlier]);
        }
        seen.ExternalIds.Add(parsed.ExternalId, row.RowNumber);
        if (parsed.Phone is not null) seen.Phones.Add(parsed.Phone, row.RowNumber);
        if (searchEmail is not null) seen.Emails.Add(searchEmail, row.RowNumber);
        return (parsed, null);
    }

    /// <summary>The external ids, phone numbers and emails (lower case) of the file's rows accepted so far, with each one's row.</summary>
    private sealed class FileIdentities
    {
        public Dictionary<string, long> ExternalIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Phones { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, long> Emails { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The first pass: the whole file is readable and the mapping fits it. Returns the number of data rows.</summary>
    private long Scan(string path, ImportMapping mapping)
    {
        using var reader = new ImportCsvReader(path, text);
        var headers = reader.ReadHeader();
        long rows = 0;
        while (reader.Next() is not null) rows++;
        if (rows == 0) throw new ImportFileException(text["The file has a header row but no members."]);
        if (ValidateMapping(mapping, headers.Count) is { } mappingError) throw new ImportFileException(mappingError);
        return rows;
    }

    /// <summary>A batch in one transaction; when it fails, each of its rows alone, so one bad row costs only itself.</summary>
    private static async Task<BatchResult> ApplyBatchAsync(
        LoyaltyDbContext db, MemberImportWriter writer, List<ImportRow> batch, bool dryRun, IStringLocalizer<ImportText> text, CancellationToken ct)
    {
        if (batch.Count == 0) return new BatchResult(ImportCounts.None, []);
        try
        {
            return await ApplyInTransactionAsync(db, writer, batch, dryRun, ct);
        }
        catch (Exception e) when (!dryRun && IsDatabaseFailure(e) && batch.Count > 1)
        {
            var counts = ImportCounts.None;
            var errors = new List<ImportRowError>();
            foreach (var row in batch)
            {
                try
                {
                    var one = await ApplyInTransactionAsync(db, writer, [row], dryRun, ct);
                    counts = counts.Add(one.Counts);
                    errors.AddRange(one.Errors);
                }
                catch (Exception rowFailure) when (IsDatabaseFailure(rowFailure))
                {
                    counts = counts.Add(new ImportCounts(1, 0, 0, 0, 1));
                    errors.Add(new(row.RowNumber, row.ExternalId, text["The row could not be saved (it may clash with a member saved meanwhile); import the file again."]));
                }
            }
            return new BatchResult(counts, errors);
        }
    }

    private static async Task<BatchResult> ApplyInTransactionAsync(
        LoyaltyDbContext db, MemberImportWriter writer, IReadOnlyList<ImportRow> rows, bool dryRun, CancellationToken ct)
    {
        // The session's context outlives a batch; what a failed batch left tracked must not be saved with the next.
        db.ChangeTracker.Clear();
        if (dryRun) return await writer.ApplyAsync(db, rows, write: false, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await writer.ApplyAsync(db, rows, write: true, ct);
        await transaction.CommitAsync(ct);
        return result;
    }

    private static bool IsDatabaseFailure(Exception e) =>
        e is DbUpdateException or DbException || e is InvalidOperationException { InnerException: DbUpdateException or DbException };

    private async Task<MemberImportWriter> NewWriterAsync(Caller caller, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rules = await ProgressRules.LoadAsync(db, ct);
        var joinedPoints = await db.EngagementRules.AsNoTracking().Where(r => r.Type == ActivityType.Joined).Select(r => r.Points).FirstOrDefaultAsync(ct);
        return new MemberImportWriter(rules, joinedPoints, calendar.UtcNow, caller.UserId, text);
    }

    private async Task<ImportLookups> LoadLookupsAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stores = await db.Stores.AsNoTracking().Select(s => new { s.Id, s.Name }).ToListAsync(ct);
        var tiers = (await ProgressRules.LoadAsync(db, ct)).Tiers;
        var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var store in stores) byName.TryAdd(store.Name.Trim(), store.Id);
        var tiersByName = new Dictionary<string, TierStep>(StringComparer.OrdinalIgnoreCase);
        foreach (var tier in tiers) tiersByName.TryAdd(tier.Name.Trim(), tier);
        var currencies = recognition.Value.Currencies is { Length: > 0 } configured ? configured.Select(c => c.ToUpperInvariant()).ToList() : ["GBP"];
        return new ImportLookups(byName, stores.Select(s => s.Id).ToHashSet(), tiersByName, currencies, memberSettings.Value.DefaultRegion,
            DateOnly.FromDateTime(calendar.ToLocal(calendar.UtcNow)));
    }

    private DateTime ToUtc(DateOnly date) => calendar.ToUtc(date.ToDateTime(TimeOnly.MinValue));
}
