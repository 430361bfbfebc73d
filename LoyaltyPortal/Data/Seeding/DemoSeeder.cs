using LoyaltyPortal.Features.Progress;
using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Referrals;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace LoyaltyPortal.Data.Seeding;

/// <summary>
/// Loads the deterministic demo: stores, staff, a manager, the demo member and a few thousand members
/// with interests and history. Everything goes in inside the caller's transaction, so an interrupted
/// seed leaves an empty database that is seeded again on the next start.
/// </summary>
public sealed class DemoSeeder(TimeProvider clock, string timeZone = "Europe/London")
{
    public const int Seed = 20261122;

    public async Task SeedAsync(LoyaltyDbContext db, int memberCount, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var staff = await EnsureStoresAndStaffAsync(db, now, ct);
        await AddDemoMemberAsync(db, now, ct);
        await AppendGeneratedMembersAsync(db, staff, memberCount, averageActivities: 25, batchSize: 2000, progress: null, ct);
        await DemoReferralSeeder.SeedAsync(db, ct);
        await new DemoBenefitSeeder(clock, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).SeedAsync(db, ct);
        // Listening first: it gives the demo member their one pulse answer; the insights crowd comes after.
        await new DemoListeningSeeder(clock, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).SeedAsync(db, ct);
        await new DemoInsightsSeeder(clock).SeedAsync(db, ct);
        await new DemoExperienceHistorySeeder(clock, TimeZoneInfo.FindSystemTimeZoneById(timeZone)).SeedAsync(db, ct);
    }

    /// <summary>Stores, the three demo logins and extra staff; a no-op when stores exist already.</summary>
    public async Task<IReadOnlyList<StaffRef>> EnsureStoresAndStaffAsync(LoyaltyDbContext db, DateTime now, CancellationToken ct)
    {
        if (!await db.Stores.AnyAsync(ct))
        {
            db.Stores.AddRange(DemoAccounts.Stores.Select(s => new Store { Name = s.Name, City = s.City, Address = s.Address }));
            await db.SaveChangesAsync(ct);
        }

        var stores = await db.Stores.ToDictionaryAsync(s => s.Name, s => s.Id, ct);
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var hasher = new PasswordHasher<ApplicationUser>();
        string? passwordHash = null;

        var wanted = DemoAccounts.Primary.Select(a => (a.Email, a.Name, a.Role, a.StoreName))
            .Concat(DemoAccounts.ExtraStaff.Select(s => (Email: DemoAccounts.EmailFor(s.Name), s.Name, Role: Roles.Staff, StoreName: (string?)s.StoreName)));
        foreach (var (email, name, role, storeName) in wanted)
        {
            var normalized = email.ToUpperInvariant();
            if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, ct)) continue;
            var user = new ApplicationUser
            {
                UserName = email, NormalizedUserName = normalized, Email = email, NormalizedEmail = normalized,
                EmailConfirmed = true, DisplayName = name, LockoutEnabled = true,
                StoreId = storeName is null ? null : stores[storeName],
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            // Hashing is deliberately slow; every demo account shares one password, so hash it once.
            passwordHash ??= hasher.HashPassword(user, DemoAccounts.Password);
            user.PasswordHash = passwordHash;
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roles[role] });
        }
        await db.SaveChangesAsync(ct);

        var staffRoleId = roles[Roles.Staff];
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      where ur.RoleId == staffRoleId && u.StoreId != null
                      orderby u.Email
                      select new StaffRef(u.Id, u.DisplayName, u.StoreId!.Value)).ToListAsync(ct);
    }

    private static async Task AddDemoMemberAsync(LoyaltyDbContext db, DateTime now, CancellationToken ct)
    {
        var account = await db.Users.SingleAsync(u => u.NormalizedEmail == DemoAccounts.Member.Email.ToUpperInvariant(), ct);
        if (await db.Members.AnyAsync(m => m.UserId == account.Id, ct)) return;

        var homeStore = await db.Stores.OrderBy(s => s.Id).FirstAsync(ct);
        var interests = await db.Interests.Where(i => i.Name == "Running" || i.Name == "Trail running" || i.Name == "Sustainability").ToListAsync(ct);
        var staffId = await db.Users.Where(u => u.NormalizedEmail == DemoAccounts.Staff.Email.ToUpperInvariant()).Select(u => u.Id).SingleAsync(ct);
        var member = new Member
        {
            UserId = account.Id, MemberCode = "DEMO2026", PreferredName = DemoAccounts.Member.Name,
            SearchName = MemberRules.ToSearchForm(DemoAccounts.Member.Name), Email = account.Email,
            SearchEmail = MemberSearchForms.Email(account.Email),
            Phone = "+447700900123", JoinedAt = now.AddDays(-200), HomeStoreId = homeStore.Id,
            WhatMatters = "Getting back into trail running after a knee injury, and kit that lasts.",
            ConsentContact = true, ConsentProfiling = true, ConsentUpdatedAt = now.AddDays(-200),
            Interests = interests.Select(i => new MemberInterest { InterestId = i.Id }).ToList(),
        };
        db.Members.Add(member);
        await db.SaveChangesAsync(ct);
        member.ReferralCode = ReferralRules.CodeFor(member.Id);

        var history = new List<Activity>
        {
            new() { MemberId = member.Id, Type = ActivityType.Joined, OccurredAt = member.JoinedAt, StoreId = homeStore.Id, SourceKey = $"demo:{member.Id}:joined" },
            new() { MemberId = member.Id, Type = ActivityType.ProfileCompleted, OccurredAt = member.JoinedAt.AddHours(1), SourceKey = $"demo:{member.Id}:profile" },
        };
        for (var i = 0; i < 14; i++)
        {
            var at = now.AddDays(-190 + i * 13).Date.AddHours(11 + i % 6);
            history.Add(new() { MemberId = member.Id, Type = ActivityType.Visit, OccurredAt = at, StoreId = homeStore.Id, StaffUserId = staffId, SourceKey = $"demo:{member.Id}:visit:{i}" });
            if (i % 3 == 0)
            {
                history.Add(new() { MemberId = member.Id, Type = ActivityType.Purchase, OccurredAt = at.AddMinutes(20), StoreId = homeStore.Id, StaffUserId = staffId, Amount = 35m + i * 7.5m, SourceKey = $"demo:{member.Id}:purchase:{i}" });
            }
        }
        foreach (var a in history) a.Points = StarterRules.SeedPoints(a.Type, a.Amount);
        db.Activities.AddRange(history);
        db.StaffNotes.Add(new() { MemberId = member.Id, AuthorUserId = staffId, AuthorName = DemoAccounts.Staff.Name, StoreId = homeStore.Id, Text = "Training for the Snowdon trail race in May. Ask how the knee is doing.", CreatedAt = now.AddDays(-30) });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Appends <paramref name="count"/> generated members after the highest existing id, in batches.</summary>
    public async Task AppendGeneratedMembersAsync(
        LoyaltyDbContext db, IReadOnlyList<StaffRef> staff, int count, int averageActivities, int batchSize,
        Action<int>? progress, CancellationToken ct)
    {
        var firstId = (await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0) + 1;
        var storeIds = await db.Stores.OrderBy(s => s.Id).Select(s => s.Id).ToListAsync(ct);
        var interestIds = await db.Interests.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(ct);
        var generator = new MemberDataGenerator(Seed, clock.GetUtcNow().UtcDateTime, storeIds, staff, interestIds);

        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Generated members are written inside a transaction.");
        using var writer = BulkWriter.For(db.Database.GetDbConnection());
        var batch = new List<(GeneratedMember, List<GeneratedActivity>, List<GeneratedNote>)>(batchSize);
        var written = 0;
        foreach (var row in generator.Generate(firstId, count, averageActivities))
        {
            batch.Add(row);
            if (batch.Count < batchSize) continue;
            await writer.WriteAsync(batch, ct);
            written += batch.Count;
            batch.Clear();
            progress?.Invoke(written);
        }
        await writer.WriteAsync(batch, ct);
        await writer.FinishAsync(ct);
        progress?.Invoke(written + batch.Count);
    }
}
