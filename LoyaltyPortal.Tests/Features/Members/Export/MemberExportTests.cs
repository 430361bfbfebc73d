using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Members.Export;

namespace LoyaltyPortal.Tests.Features.Members.Export;

/// <summary>Manager exports stream the rows asked for, and a spreadsheet never runs a cell as a formula.</summary>
public sealed class MemberExportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Export_neutralises_cells_a_spreadsheet_would_run_as_formulas(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        await db.AddMemberAsync("=cmd|' /C calc'!A0", withLogin: false, email: "@evil@example.com");

        var csv = await MembersAsync(db, manager, new());

        Assert.Contains(",'=cmd|' /C calc'!A0,", csv);
        Assert.Contains("'@evil@example.com", csv);
        Assert.DoesNotContain(",=cmd", csv);
    }

    [Theory, AllProviders]
    public async Task Export_of_members_filters_by_store_and_joining_dates(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var garden = await db.AddStoreAsync("Covent Garden");
        var arndale = await db.AddStoreAsync("Manchester Arndale");
        await db.AddMemberAsync("Anna Garden", withLogin: false, homeStoreId: garden.Id);
        await db.AddMemberAsync("Ben Arndale", withLogin: false, homeStoreId: arndale.Id);
        var joined = DateOnly.FromDateTime(db.Clock.GetUtcNow().UtcDateTime.AddDays(-30));

        var byStore = await MembersAsync(db, manager, new(garden.Id));
        var inRange = await MembersAsync(db, manager, new(null, joined.AddDays(-1), joined.AddDays(1)));
        var outOfRange = await MembersAsync(db, manager, new(null, joined.AddDays(2), null));

        Assert.Contains("Anna Garden", byStore);
        Assert.DoesNotContain("Ben Arndale", byStore);
        Assert.Contains("Ben Arndale", inRange);
        Assert.Single(outOfRange.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory, AllProviders]
    public async Task Export_of_activity_filters_by_type_store_and_dates(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var manager = await db.AddUserAsync(Roles.Manager);
        var garden = await db.AddStoreAsync("Covent Garden");
        var (anna, _) = await db.AddMemberAsync("Anna", withLogin: false);
        var now = db.Clock.GetUtcNow().UtcDateTime;
        await db.AddActivityAsync(anna.Id, ActivityType.Purchase, now.AddDays(-2), garden.Id, 12.5m);
        await db.AddActivityAsync(anna.Id, ActivityType.Visit, now.AddDays(-2), garden.Id);
        await db.AddActivityAsync(anna.Id, ActivityType.Visit, now.AddDays(-40));
        var today = DateOnly.FromDateTime(now);

        var purchases = await ActivitiesAsync(db, manager, new(Type: ActivityType.Purchase));
        var recent = await ActivitiesAsync(db, manager, new(garden.Id, today.AddDays(-7), today));

        Assert.Equal(2, purchases.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains(",12.5", purchases);
        Assert.Equal(3, recent.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith("Occurred at,Member code,External id,Activity,Store,Amount,Currency,Points,Description", recent);
    }

    [Theory, AllProviders]
    public async Task Export_is_refused_to_staff_and_members(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        var store = await db.AddStoreAsync();
        var staff = await db.AddUserAsync(Roles.Staff, storeId: store.Id);
        var (_, member) = await db.AddMemberAsync();
        var export = db.Get<MemberExportService>();

        foreach (var caller in new[] { staff, member! })
        {
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => export.WriteMembersAsync(caller, new(), new StringWriter(), Ct));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() => export.WriteActivitiesAsync(caller, new(), new StringWriter(), Ct));
        }
    }

    [Fact]
    public void Export_date_range_must_not_run_backwards()
    {
        Assert.NotNull(MemberExportService.Validate(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));
        Assert.Null(MemberExportService.Validate(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1)));
    }

    private static async Task<string> MembersAsync(TestDb db, Caller manager, MemberExportFilter filter)
    {
        var output = new StringWriter();
        await db.Get<MemberExportService>().WriteMembersAsync(manager, filter, output, Ct);
        return output.ToString();
    }

    private static async Task<string> ActivitiesAsync(TestDb db, Caller manager, ActivityExportFilter filter)
    {
        var output = new StringWriter();
        await db.Get<MemberExportService>().WriteActivitiesAsync(manager, filter, output, Ct);
        return output.ToString();
    }
}
