using System.Text;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Import;
using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Recognition;
using Microsoft.EntityFrameworkCore;

namespace LoyaltyPortal.Tests.Features.Members.Import;

/// <summary>Members imported from a CSV: keyed by external id, opening history in the ledger, bad rows reported, good rows kept.</summary>
public sealed class MemberImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private const string Header = "external_id,name,email,phone,store,joined,consent,last_visit,lifetime_spend,currency,tier";

    private static string File(params string[] rows) => string.Join('\n', [Header, .. rows]) + "\n";

    [Theory, AllProviders]
    public async Task Import_creates_members_with_opening_history_and_a_reimport_changes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync("Covent Garden");
        var manager = await db.AddUserAsync(Roles.Manager);
        var csv = File(
            "C-1,Anna Müller,anna@example.com,07400 123456,Covent Garden,2020-05-01,yes,2024-01-10,1234.50,GBP,Gold",
            $"C-2,Ben Okafor,,,{store.Id},2021-02-03,no,,,,",
            "C-3,Cara Lee,cara@example.com,,,,,,,,");

        var first = await ImportAsync(db, manager, csv);
        var again = await ImportAsync(db, manager, csv);

        Assert.Equal(new ImportCounts(3, 3, 0, 0, 0), first.Counts);
        Assert.Equal(new ImportCounts(3, 0, 0, 3, 0), again.Counts);
        await using var context = db.NewContext();
        var anna = await context.Members.SingleAsync(m => m.ExternalId == "C-1", Ct);
        Assert.Equal(("Anna Müller", "+447400123456", store.Id, true), (anna.PreferredName, anna.Phone, anna.HomeStoreId, anna.ConsentContact));
        Assert.Contains(await context.MemberNameWords.Where(w => w.MemberId == anna.Id).Select(w => w.Word).ToListAsync(Ct), w => w == "muller");
        var ledger = await context.Activities.Where(a => a.MemberId == anna.Id).OrderBy(a => a.SourceKey).Select(a => new { a.SourceKey, a.Type, a.Amount })
            .ToListAsync(Ct);
        Assert.Equal(["import:C-1:joined", "import:C-1:spend", "import:C-1:tier", "import:C-1:visit"], ledger.Select(a => a.SourceKey));
        Assert.Equal(1234.50m, ledger.Single(a => a.Type == ActivityType.Purchase).Amount);
        var gold = await context.Tiers.SingleAsync(t => t.Name == "Gold", Ct);
        Assert.Equal(gold.Id, (await context.MemberStandings.SingleAsync(s => s.MemberId == anna.Id, Ct)).TierId);
        Assert.Equal(3, await context.Members.CountAsync(Ct));
        Assert.Equal(6, await context.Activities.CountAsync(Ct));
        Assert.Empty((await db.Get<StandingMaintenance>().CheckAsync(Ct)).Mismatches);
    }

    [Theory, AllProviders]
    public async Task Import_dry_run_counts_everything_and_writes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        var summary = await ImportAsync(db, manager, File("C-1,Anna,,,,,,,,,", "C-2,Ben,not-an-email,,,,,,,,"), dryRun: true);

        Assert.Equal(new ImportCounts(2, 1, 0, 0, 1), summary.Counts);
        Assert.Contains("Nothing was written", summary.Message);
        await using var context = db.NewContext();
        Assert.Equal(0, await context.Members.CountAsync(Ct));
        Assert.Equal(0, await context.Activities.CountAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_reports_bad_rows_and_imports_the_good_ones(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var csv = File(
            "OK-1,Good One,,,,,,,,,",
            "BAD-1,Bad Email,anna@,,,,,,,,",
            "BAD-2,Bad Phone,,12,,,,,,,",
            "BAD-3,Bad Store,,,Atlantis,,,,,,",
            "BAD-4,Future,,,,2999-01-01,,,,,",
            $"BAD-5,{new string('x', 61)},,,,,,,,,",
            "BAD-6,Too Rich,,,,,,,99999999999,,",
            "BAD-7,No Tier,,,,,,,,,Platinum",
            ",No Id,,,,,,,,,",
            "BAD-9,Visit Before Join,,,,2024-01-02,,2023-01-01,,,",
            "BAD-10,Pennies,,,,,,,1.001,GBP,",
            "OK-2,Good Two,,,,,,,,,");

        var summary = await ImportAsync(db, manager, csv);

        Assert.Equal(new ImportCounts(12, 2, 0, 0, 10), summary.Counts);
        Assert.Equal([3L, 4, 5, 6, 7, 8, 9, 10, 11, 12], summary.FirstErrors.Select(e => e.RowNumber));
        Assert.Contains("Atlantis", summary.FirstErrors.Single(e => e.ExternalId == "BAD-3").Message);
        await using var context = db.NewContext();
        Assert.Equal(["OK-1", "OK-2"], await context.Members.OrderBy(m => m.ExternalId).Select(m => m.ExternalId).ToListAsync(Ct));

        var report = await db.Get<MemberImportService>().OpenErrorReportAsync(manager, summary.ErrorReportId!.Value, Ct);
        using var reader = new StreamReader(report!.Value.Content);
        var lines = (await reader.ReadToEndAsync(Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Row,External id,Error", lines[0].TrimEnd('\r'));
        Assert.Equal(11, lines.Length);
        Assert.StartsWith("3,BAD-1,", lines[1]);
    }

    [Theory, AllProviders]
    public async Task Import_refuses_the_second_row_with_an_external_id_already_in_the_file(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        var summary = await ImportAsync(db, manager, File("C-1,Anna,,,,,,,,,", "C-1,Anna Again,,,,,,,,,"));

        Assert.Equal(new ImportCounts(2, 1, 0, 0, 1), summary.Counts);
        Assert.Contains("also on row 2", summary.FirstErrors.Single().Message);
        await using var context = db.NewContext();
        Assert.Equal("Anna", await context.Members.Select(m => m.PreferredName).SingleAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_refuses_a_row_whose_phone_or_email_is_another_members_and_names_them(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var (anna, _) = await db.AddMemberAsync("Anna Müller", withLogin: false, email: "anna@example.com", phone: "+447400900123");
        var csv = File("N-1,Someone Else,,07400 900123,,,,,,,", "N-2,Another One,ANNA@Example.com,,,,,,,,", "N-3,Cara Lee,cara@example.com,07400 900456,,,,,,,");

        var dryRun = await ImportAsync(db, manager, csv, dryRun: true);
        var summary = await ImportAsync(db, manager, csv);

        Assert.Equal(new ImportCounts(3, 1, 0, 0, 2), dryRun.Counts);
        Assert.Equal(new ImportCounts(3, 1, 0, 0, 2), summary.Counts);
        Assert.Equal(
            [
                $"The phone number +447400900123 is already on file for Anna Müller (member code {anna.MemberCode}); one person is one member.",
                $"The email address ANNA@Example.com is already on file for Anna Müller (member code {anna.MemberCode}); one person is one member.",
            ],
            summary.FirstErrors.Select(e => e.Message));
        Assert.Equal(["N-1", "N-2"], summary.FirstErrors.Select(e => e.ExternalId));
        await using var context = db.NewContext();
        Assert.Equal(["Anna Müller", "Cara Lee"], await context.Members.OrderBy(m => m.Id).Select(m => m.PreferredName).ToListAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_refuses_the_second_row_with_a_phone_or_email_already_in_the_file(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        // The same phone written two ways, and the same email in another case, in different batches.
        var csv = File("C-1,Anna,anna@example.com,07400 123456,,,,,,,", "C-2,Ben,,,,,,,,,", "C-3,Cara,,+44 7400 123456,,,,,,,", "C-4,Dev,Anna@EXAMPLE.com,,,,,,,,");

        var summary = await ImportAsync(db, manager, csv, batchSize: 2);

        Assert.Equal(new ImportCounts(4, 2, 0, 0, 2), summary.Counts);
        Assert.Equal(
            [
                "The phone number +447400123456 is also on row 2; one person is one member.",
                "The email address Anna@EXAMPLE.com is also on row 2; one person is one member.",
            ],
            summary.FirstErrors.Select(e => e.Message));
        await using var context = db.NewContext();
        Assert.Equal(["C-1", "C-2"], await context.Members.OrderBy(m => m.Id).Select(m => m.ExternalId).ToListAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_again_keeps_members_own_phones_and_refuses_moving_one_to_another_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await ImportAsync(db, manager, File("C-1,Anna,anna@example.com,07400 123456,,,,,,,", "C-2,Ben,ben@example.com,07400 654321,,,,,,,"));

        var unchanged = await ImportAsync(db, manager, File("C-1,Anna,anna@example.com,+447400123456,,,,,,,", "C-2,Ben,ben@example.com,07400 654321,,,,,,,"));
        var moved = await ImportAsync(db, manager, File("C-2,Ben,ben@example.com,07400 123456,,,,,,,"));

        Assert.Equal(new ImportCounts(2, 0, 0, 2, 0), unchanged.Counts);
        Assert.Equal(new ImportCounts(1, 0, 0, 0, 1), moved.Counts);
        Assert.Contains("already on file for Anna", moved.FirstErrors.Single().Message);
        await using var context = db.NewContext();
        Assert.Equal("+447400654321", await context.Members.Where(m => m.ExternalId == "C-2").Select(m => m.Phone).SingleAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_and_a_counter_enrolment_of_the_same_person_at_once_make_one_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var store = await db.AddStoreAsync();
        var manager = await db.AddUserAsync(Roles.Manager);
        var staff = await db.AddUserAsync(Roles.Staff, "Sam Okafor", storeId: store.Id);
        var imports = db.Get<MemberImportService>();
        for (var round = 0; round < 6; round++)
        {
            var phone = $"07400 900{round:D3}";
            var upload = await imports.UploadAsync(manager, new MemoryStream(Encoding.UTF8.GetBytes(File($"R-{round},Imported {round},,{phone},,,,,,,"))), "members.csv", Ct);
            var uploadId = upload.Upload!.Id;
            var mapping = (await imports.PreviewAsync(manager, uploadId, null, Ct)).Suggested;
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var import = Task.Run(async () => { await start.Task; return await imports.RunAsync(manager, uploadId, mapping, false, ct: Ct); }, Ct);
            var enrol = Task.Run(async () =>
            {
                await start.Task;
                return await db.Get<EnrolmentService>().EnrolAsync(staff, new EnrolInput { PreferredName = $"Enrolled {round}", Phone = phone, AcceptsTerms = true }, Ct);
            }, Ct);
            start.SetResult();

            var (imported, enrolled) = (await import, await enrol);

            var normalized = $"+447400900{round:D3}";
            Assert.Equal(1, await db.QueryAsync(c => c.Members.CountAsync(m => m.Phone == normalized, Ct)));
            Assert.NotEqual(imported.Counts.Created == 1, enrolled.Succeeded);
        }
    }

    [Theory, AllProviders]
    public async Task Import_again_with_changed_rows_updates_only_those(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await ImportAsync(db, manager, File("C-1,Anna Smith,,,,2020-01-01,,,,,", "C-2,Ben,,,,,,,,,"));

        var summary = await ImportAsync(db, manager, File("C-1,Anna Jones,,,,2020-01-01,,2024-02-02,,,Gold", "C-2,Ben,,,,,,,,,"));

        Assert.Equal(new ImportCounts(2, 0, 1, 1, 0), summary.Counts);
        await using var context = db.NewContext();
        var anna = await context.Members.SingleAsync(m => m.ExternalId == "C-1", Ct);
        Assert.Equal("Anna Jones", anna.PreferredName);
        var words = await context.MemberNameWords.Where(w => w.MemberId == anna.Id).Select(w => w.Word).ToListAsync(Ct);
        Assert.Contains("jones", words);
        Assert.DoesNotContain("smith", words);
        Assert.True(await context.Activities.AnyAsync(a => a.SourceKey == "import:C-1:visit", Ct));
        Assert.Empty((await db.Get<StandingMaintenance>().CheckAsync(Ct)).Mismatches);
    }

    [Theory, AllProviders]
    public async Task Import_of_the_same_file_twice_at_once_creates_each_member_once(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider, onDisk: true);
        var manager = await db.AddUserAsync(Roles.Manager);
        var csv = File([.. Enumerable.Range(1, 200).Select(i => $"C-{i},Member {i},,,,,,,,,")]);

        var results = await Task.WhenAll(ImportAsync(db, manager, csv, batchSize: 50), ImportAsync(db, manager, csv, batchSize: 50));

        Assert.Equal(200, results.Sum(r => r.Counts.Created));
        Assert.Equal(400, results.Sum(r => r.Counts.Created + r.Counts.Unchanged));
        await using var context = db.NewContext();
        Assert.Equal(200, await context.Members.CountAsync(Ct));
        Assert.Equal(200, await context.Activities.CountAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_refuses_a_file_that_is_not_utf8_and_writes_nothing(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var latin1 = Encoding.Latin1.GetBytes(File("C-1,Anna,,,,,,,,,", "C-2,Zoë,,,,,,,,,"));

        var summary = await ImportAsync(db, manager, latin1);

        Assert.False(summary.Succeeded);
        Assert.Contains("not UTF-8", summary.Message);
        await using var context = db.NewContext();
        Assert.Equal(0, await context.Members.CountAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_refuses_a_file_with_a_10_MB_line(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);

        var longCell = await ImportAsync(db, manager, File("C-1,Anna,,,,,,,,,", "C-2," + new string('a', 10 * 1024 * 1024) + ",,,,,,,,,"));
        var manyCells = await ImportAsync(db, manager, File("C-1,Anna,,,,,,,,,", "C-2,Ben" + string.Concat(Enumerable.Repeat(",a", 5 * 1024 * 1024))));

        Assert.Contains("longer than", longCell.Message);
        Assert.Contains("longer than", manyCells.Message);
        await using var context = db.NewContext();
        Assert.Equal(0, await context.Members.CountAsync(Ct));
    }

    [Theory, AllProviders]
    public async Task Import_refuses_an_empty_file_a_header_alone_and_a_mapping_without_required_columns(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var imports = db.Get<MemberImportService>();

        var empty = await imports.UploadAsync(manager, new MemoryStream(), "empty.csv", Ct);
        var headerOnly = await ImportAsync(db, manager, Header + "\n");
        var noName = await ImportAsync(db, manager, "id,email\nC-1,anna@example.com\n");

        Assert.False(empty.Succeeded);
        Assert.Contains("header row but no members", headerOnly.Message);
        Assert.Contains("Preferred name", noName.Message);
    }

    [Theory, AllProviders]
    public async Task Import_preview_shows_the_first_rows_with_their_errors(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var imports = db.Get<MemberImportService>();
        var upload = (await imports.UploadAsync(manager, Stream(File("C-1,Anna,,,,,,,,,", "C-2,Ben,,12,,,,,,,")), "m.csv", Ct)).Upload!;

        var suggested = await imports.PreviewAsync(manager, upload.Id, null, Ct);
        var preview = await imports.PreviewAsync(manager, upload.Id, suggested.Suggested, Ct);

        Assert.Equal(11, suggested.Suggested.Columns.Count);
        Assert.Null(preview.Rows[0].Error);
        Assert.StartsWith("Phone:", preview.Rows[1].Error);
    }

    [Theory, AllProviders]
    public async Task Import_is_refused_to_staff_and_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (_, member) = await db.AddMemberAsync();
        var imports = db.Get<MemberImportService>();
        var jobs = db.Get<MemberImportJobs>();

        foreach (var caller in new[] { staff, member! })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => imports.UploadAsync(caller, Stream("a"), "m.csv", Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => imports.PreviewAsync(caller, Guid.NewGuid(), null, Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => imports.RunAsync(caller, Guid.NewGuid(), new(new Dictionary<ImportField, int>()), false, ct: Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => imports.OpenErrorReportAsync(caller, Guid.NewGuid(), Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => jobs.StartAsync(caller, Guid.NewGuid(), new(new Dictionary<ImportField, int>()), true, Ct));
        }
    }

    [Theory, AllProviders]
    public async Task Import_job_runs_in_the_background_and_reports_progress(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var imports = db.Get<MemberImportService>();
        var jobs = db.Get<MemberImportJobs>();
        var upload = (await imports.UploadAsync(manager, Stream(File("C-1,Anna,,,,,,,,,")), "m.csv", Ct)).Upload!;
        var mapping = (await imports.PreviewAsync(manager, upload.Id, null, Ct)).Suggested;

        var jobId = await jobs.StartAsync(manager, upload.Id, mapping, dryRun: false, Ct);
        ImportJobStatus? status;
        do status = await jobs.GetAsync(manager, jobId, Ct);
        while (status is { State: ImportJobState.Running } && await Delay());

        Assert.Equal(ImportJobState.Finished, status!.State);
        Assert.Equal(1, status.Summary!.Counts.Created);
        Assert.Equal(100, status.Progress.Percent);
        Assert.Null(await jobs.GetAsync(await db.AddUserAsync(Roles.Manager), jobId, Ct));
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(50, Ct);
        return true;
    }

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static Task<ImportSummary> ImportAsync(TestDb db, Caller manager, string csv, bool dryRun = false, int batchSize = 1000) =>
        ImportAsync(db, manager, Encoding.UTF8.GetBytes(csv), dryRun, batchSize);

    private static async Task<ImportSummary> ImportAsync(TestDb db, Caller manager, byte[] csv, bool dryRun = false, int batchSize = 1000)
    {
        var imports = db.Get<MemberImportService>();
        var upload = await imports.UploadAsync(manager, new MemoryStream(csv), "members.csv", Ct);
        Assert.True(upload.Succeeded, upload.Message);
        var preview = await imports.PreviewAsync(manager, upload.Upload!.Id, null, Ct);
        return await imports.RunAsync(manager, upload.Upload.Id, preview.Suggested, dryRun, batchSize: batchSize, ct: Ct);
    }
}
