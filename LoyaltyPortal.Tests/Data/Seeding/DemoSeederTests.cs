using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Features.Benefits;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Referrals;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LoyaltyPortal.Tests.Data.Seeding;

/// <summary>The demo seed through <see cref="BulkWriter"/>: prepared statements on SQLite, binary COPY on PostgreSQL.</summary>
public sealed class DemoSeederTests
{
    private const int Generated = 40;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, AllProviders]
    public async Task Seed_creates_the_demo_stores_and_staff(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        Assert.Equal(DemoAccounts.Stores.Select(s => s.Name).Order(), await db.QueryAsync(c => c.Stores.Select(s => s.Name).OrderBy(n => n).ToListAsync(Ct)));
        Assert.Equal(DemoAccounts.Primary.Count + DemoAccounts.ExtraStaff.Count, await db.QueryAsync(c => c.Users.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Seed_creates_the_three_demo_logins_in_their_roles_with_the_demo_password(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        await using var scope = db.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        foreach (var account in DemoAccounts.Primary)
        {
            var user = await users.FindByEmailAsync(account.Email);
            Assert.NotNull(user);
            Assert.Equal([account.Role], await users.GetRolesAsync(user));
            Assert.True(await users.CheckPasswordAsync(user, DemoAccounts.Password));
        }
    }

    [Theory, AllProviders]
    public async Task Seed_creates_the_demo_member_with_history_and_a_note(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        var demo = await db.QueryAsync(c => c.Members.Include(m => m.Interests).SingleAsync(m => m.MemberCode == "DEMO2026", Ct));
        Assert.Equal(DemoAccounts.Member.Name, demo.PreferredName);
        Assert.Equal(3, demo.Interests.Count);
        // 24 entries of their own history (with the walk they attended and rated), and the credit for the friend they referred who has visited since.
        Assert.Equal(25, await db.QueryAsync(c => c.Activities.CountAsync(a => a.MemberId == demo.Id, Ct)));
        Assert.True(await db.QueryAsync(c => c.StaffNotes.AnyAsync(n => n.MemberId == demo.Id, Ct)));
    }

    [Theory, AllProviders]
    public async Task Seed_creates_the_requested_number_of_generated_members_each_with_a_joined_entry(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        Assert.Equal(1 + Generated, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
        Assert.Equal(Generated, await db.QueryAsync(c => c.Members.CountAsync(m => m.MemberCode != "DEMO2026" && c.Activities.Any(a => a.MemberId == m.Id && a.Type == ActivityType.Joined), Ct)));
        Assert.True(await db.QueryAsync(c => c.Activities.CountAsync(Ct)) > Generated * 5);
    }

    [Theory, AllProviders]
    public async Task Seed_creates_published_benefits_of_every_kind_whose_seat_counts_match_their_bookings(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        var benefits = await db.QueryAsync(c => c.Benefits.ToListAsync(Ct));
        Assert.Equal([BenefitKind.Event, BenefitKind.Trial, BenefitKind.Guidance], benefits.Select(b => b.Kind).Distinct().Order());
        Assert.All(benefits, b => Assert.Equal(BenefitStatus.Published, b.Status));
        var seats = await db.QueryAsync(c => c.Bookings.Where(b => b.Status != BookingStatus.Cancelled && b.Status != BookingStatus.Waitlisted && b.Status != BookingStatus.Kept && b.Status != BookingStatus.Returned)
            .GroupBy(b => b.BenefitId).Select(g => new { g.Key, Seats = g.Sum(b => b.Seats) }).ToDictionaryAsync(g => g.Key, g => g.Seats, Ct));
        Assert.All(benefits.Where(b => b.Kind != BenefitKind.Guidance), b =>
        {
            Assert.Equal(seats.GetValueOrDefault(b.Id), b.Taken);
            Assert.True(b.Taken <= b.Capacity, b.Title);
        });
        var guidance = benefits.Single(b => b.Kind == BenefitKind.Guidance);
        var slots = await db.QueryAsync(c => c.GuidanceSlots.Where(s => s.BenefitId == guidance.Id).ToListAsync(Ct));
        Assert.NotEmpty(slots);
        Assert.All(slots, s => Assert.Equal(TimeSpan.FromMinutes(30), s.EndsAt - s.StartsAt));
    }

    [Theory, AllProviders]
    public async Task Seed_gives_staff_an_event_today_and_the_demo_member_a_booking_a_trial_and_an_attended_event(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        var calendar = db.Get<ProgrammeCalendar>();
        var today = calendar.StartOfTodayUtc();
        Assert.True(await db.QueryAsync(c => c.Benefits.AnyAsync(b => b.Kind == BenefitKind.Event && b.StartsAt >= today && b.StartsAt < today.AddDays(1)
            && c.Bookings.Any(k => k.BenefitId == b.Id && k.Status == BookingStatus.Confirmed), Ct)));
        var demoId = await db.QueryAsync(c => c.Members.Where(m => m.MemberCode == "DEMO2026").Select(m => m.Id).SingleAsync(Ct));
        var statuses = await db.QueryAsync(c => c.Bookings.Where(b => b.MemberId == demoId).Select(b => b.Status).ToListAsync(Ct));
        Assert.Contains(BookingStatus.Confirmed, statuses);
        Assert.Contains(BookingStatus.HandedOut, statuses);
        Assert.Contains(BookingStatus.Attended, statuses);
        Assert.True(await db.QueryAsync(c => c.Activities.AnyAsync(a => a.MemberId == demoId && a.Type == ActivityType.EventAttended, Ct)));
    }

    [Theory, AllProviders]
    public async Task Seeded_members_carry_the_search_forms_the_app_would_give_them(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        var members = await db.QueryAsync(c => c.Members.ToListAsync(Ct));
        Assert.All(members, m => Assert.Equal(MemberRules.ToSearchForm(m.PreferredName), m.SearchName));
        Assert.All(members, m => Assert.Equal(m.Email?.ToLowerInvariant(), m.SearchEmail));
        // Stored as E.164; the demo uses fictional numbers (Ofcom's drama range among them) that validation would refuse.
        Assert.All(members.Where(m => m.Phone is not null), m => Assert.Equal(m.Phone, MemberRules.PhoneSearchForm(m.Phone, "GB")));
    }

    [Theory, AllProviders]
    public async Task Seeded_activities_are_stored_as_generated(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        var demoId = await db.QueryAsync(c => c.Members.Where(m => m.MemberCode == "DEMO2026").Select(m => m.Id).SingleAsync(Ct));
        // The generator's referral credits carry the live app's key; the demo member's own credit comes from the demo seeder.
        var stored = await db.QueryAsync(c => c.Activities.Where(a => a.SourceKey.StartsWith("seed:") || (a.SourceKey.StartsWith("referral-converted:") && a.MemberId != demoId))
            .Select(a => new { a.SourceKey, a.Type, a.Amount, a.OccurredAt, a.StoreId }).ToListAsync(Ct));
        var generated = await GeneratedAsync(db);
        Assert.Equal(
            generated.Select(a => (a.SourceKey, a.Type, a.Amount, ToMicroseconds(a.OccurredAt), (int?)a.StoreId)).Order(),
            stored.Select(a => (a.SourceKey, a.Type, a.Amount, ToMicroseconds(a.OccurredAt), a.StoreId)).Order());
    }

    /// <summary>PostgreSQL keeps microseconds, .NET has ten times finer ticks.</summary>
    private static DateTime ToMicroseconds(DateTime value) => value.AddTicks(-(value.Ticks % 10));

    [Theory, AllProviders]
    public async Task Seeded_database_accepts_a_newly_registered_member(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await SeedAsync(db);
        var user = await db.AddUserAsync(Roles.Member);

        var id = await db.Get<MemberService>().CreateForUserAsync(user.UserId, "New Member", "new@example.com", null, false, false, Ct);

        Assert.True(id > 1 + Generated);
    }

    [Theory, AllProviders]
    public async Task Seeding_twice_with_the_same_seed_gives_the_same_members(DatabaseProvider provider)
    {
        await using var first = await TestDb.CreateAsync(provider);
        await using var second = await TestDb.CreateAsync(provider);

        await SeedAsync(first);
        await SeedAsync(second);

        Assert.Equal(await MembersAsync(first), await MembersAsync(second));
    }

    [Theory, AllProviders]
    public async Task Rolled_back_seed_leaves_an_empty_database(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await using (var context = db.NewContext())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(Ct);
            await new DemoSeeder(db.Clock).SeedAsync(context, Generated, Ct);
            await transaction.RollbackAsync(Ct);
        }

        Assert.Equal((0, 0, 0, 0), await db.QueryAsync(async c =>
            (await c.Members.CountAsync(Ct), await c.Activities.CountAsync(Ct), await c.Stores.CountAsync(Ct), await c.Users.CountAsync(Ct))));
    }

    [Theory, AllProviders]
    public async Task Generated_members_outside_a_transaction_are_refused(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);
        await using var context = db.NewContext();

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new DemoSeeder(db.Clock).AppendGeneratedMembersAsync(context, [], Generated, averageActivities: 5, batchSize: 10, progress: null, Ct));
        Assert.Equal(0, await db.QueryAsync(c => c.Members.CountAsync(Ct)));
    }

    [Theory, AllProviders]
    public async Task Seed_gives_every_member_a_referral_code_and_the_demo_member_three_referred_friends_one_converted(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        // Enough generated members that some joined after the demo member and have not visited yet.
        await SeedAsync(db, 400);

        var members = await db.QueryAsync(c => c.Members.AsNoTracking().ToListAsync(Ct));
        Assert.All(members, m => Assert.Equal(m.ReferralCode, ReferralRules.Normalize(m.ReferralCode)));
        var demo = members.Single(m => m.MemberCode == "DEMO2026");
        var friends = members.Where(m => m.ReferredByMemberId == demo.Id).ToList();
        Assert.Equal(3, friends.Count);
        var converted = Assert.Single(friends, f => f.ReferralConvertedAt is not null);
        Assert.All(friends, f => Assert.True(f.JoinedAt > demo.JoinedAt));
        var credit = await db.QueryAsync(c => c.Activities.SingleAsync(a => a.MemberId == demo.Id && a.Type == ActivityType.ReferralConverted, Ct));
        Assert.Equal((ReferralConversion.SourceKey(converted.Id), converted.ReferralConvertedAt), (credit.SourceKey, (DateTime?)credit.OccurredAt));
        Assert.All(members.Where(m => m.ReferredByMemberId is not null), m => Assert.Contains(members, r => r.Id == m.ReferredByMemberId && r.JoinedAt < m.JoinedAt));
    }

    [Theory, AllProviders]
    public async Task Seed_gives_each_hand_written_demo_benefit_a_built_in_illustration_that_ships_in_wwwroot(DatabaseProvider provider)
    {
        await using var db = await TestDb.CreateAsync(provider);

        await SeedAsync(db);

        // The eight hand-written demo benefits, one illustration each; generated catalogue benefits stay without.
        var images = await db.QueryAsync(c => c.BenefitImages.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(BenefitIllustrations.Names.Order(), images.Select(i => i.Illustration!).Order());
        var wwwroot = Path.Combine(RepositoryRoot(), "LoyaltyPortal", "wwwroot");
        Assert.All(images, i =>
        {
            var url = BenefitIllustrations.Url(i.Illustration);
            Assert.NotNull(url);
            Assert.True(File.Exists(Path.Combine(wwwroot, url.TrimStart('/'))), url);
            Assert.Equal((0, ImageCrop.Centre), (i.Data.Length, new ImageCrop(i.FocusX, i.FocusY, i.Zoom)));
        });
    }

    [Fact]
    public void Built_in_illustrations_are_plain_svg_without_script_or_outside_references()
    {
        var folder = Path.Combine(RepositoryRoot(), "LoyaltyPortal", "wwwroot", BenefitIllustrations.Folder);

        Assert.All(BenefitIllustrations.Names, name =>
        {
            var svg = File.ReadAllText(Path.Combine(folder, name));
            Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
            foreach (var banned in new[] { "<script", "javascript:", "onload", "onclick", "href=", "<foreignObject", "<image" })
            {
                Assert.DoesNotContain(banned, svg, StringComparison.OrdinalIgnoreCase);
            }
        });
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LoyaltyPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Run the tests from inside the repository.");
    }

    private static async Task SeedAsync(TestDb db, int generated = Generated)
    {
        await using var context = db.NewContext();
        await using var transaction = await context.Database.BeginTransactionAsync(Ct);
        await new DemoSeeder(db.Clock).SeedAsync(context, generated, Ct);
        await transaction.CommitAsync(Ct);
    }

    private static Task<List<(int, string, string, string?)>> MembersAsync(TestDb db) =>
        db.QueryAsync(async c => (await c.Members.OrderBy(m => m.Id).Select(m => new { m.Id, m.MemberCode, m.PreferredName, m.Email }).ToListAsync(Ct))
            .Select(m => (m.Id, m.MemberCode, m.PreferredName, m.Email)).ToList());

    /// <summary>What the generator makes for the seeded database's stores, staff and interests, without writing it.</summary>
    private static async Task<List<GeneratedActivity>> GeneratedAsync(TestDb db)
    {
        await using var context = db.NewContext();
        var staff = await new DemoSeeder(db.Clock).EnsureStoresAndStaffAsync(context, db.Clock.GetUtcNow().UtcDateTime, Ct);
        var stores = await context.Stores.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(Ct);
        var interests = await context.Interests.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(Ct);
        var firstId = await context.Members.Where(m => m.MemberCode != "DEMO2026").MinAsync(m => m.Id, Ct);
        return new MemberDataGenerator(DemoSeeder.Seed, db.Clock.GetUtcNow().UtcDateTime, stores, staff, interests)
            .Generate(firstId, Generated, averageActivities: 25).SelectMany(g => g.Activities).ToList();
    }
}
