using System.Data;
using System.Data.Common;
using LoyaltyPortal.Components.Account;
using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace LoyaltyPortal.Features.Members.Referrals;

/// <summary>
/// Referral codes and links for members, naming a referrer after joining, and the manager's views of who brought in whom.
/// Members only ever see their own code and the friends they brought in; the chains and rankings are for managers.
/// </summary>
public sealed class ReferralService(
    IDbContextFactory<LoyaltyDbContext> dbFactory, IOptions<ReferralSettings> settings, TimeProvider clock, ActiveCallers callers,
    IStringLocalizer<ReferralsText> text)
{
    public const int MaxChainNodes = 500;
    public const int MaxChainDepth = 12;
    private const int MaxAttempts = 8;

    /// <summary>The caller's code (made now if they have none), the friends they brought in, and whether they may still name a referrer.</summary>
    public async Task<MyInvite?> GetMyInviteAsync(Caller caller, CancellationToken ct = default)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members have a referral code.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.Members.AsNoTracking().Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null)
            .Select(m => new { m.Id, m.ReferralCode, m.JoinedAt, m.ReferredByMemberId }).FirstOrDefaultAsync(ct);
        if (me is null) return null;

        var code = me.ReferralCode ?? await EnsureCodeAsync(db, me.Id, ct);
        var former = text["A former member"].Value;
        var friends = await db.Members.AsNoTracking().Where(m => m.ReferredByMemberId == me.Id)
            .OrderByDescending(m => m.JoinedAt).Take(200)
            .Select(m => new { m.PreferredName, m.JoinedAt, m.ReferralConvertedAt, m.AnonymisedAt })
            .ToListAsync(ct);
        var referredBy = me.ReferredByMemberId is { } byId
            ? await db.Members.AsNoTracking().Where(m => m.Id == byId).Select(m => m.AnonymisedAt == null ? m.PreferredName : former).FirstOrDefaultAsync(ct)
            : null;
        var until = me.JoinedAt.AddDays(settings.Value.LateAttributionDays);
        return new MyInvite(
            me.Id,
            code,
            [.. friends.Select(f => new ReferredFriend(f.AnonymisedAt is null ? f.PreferredName : former, f.JoinedAt, f.ReferralConvertedAt is not null))],
            referredBy,
            me.ReferredByMemberId is null && until > Now ? until : null);
    }

    /// <summary>For the registration form: null when the code may be used by someone joining now, otherwise the message for the field.</summary>
    public async Task<string?> CheckCodeForNewMemberAsync(string? code, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await ReferralAttribution.CheckAsync(db, code, refereeId: null, joinedNoEarlierThan: null, ct)).Message;
    }

    /// <summary>A member who joined recently and named nobody may add the friend who invited them, once.</summary>
    public async Task<ReferralResult> AddMyReferrerAsync(Caller caller, string? code, CancellationToken ct = default)
    {
        if (!caller.IsMember) throw new UnauthorizedAccessException("Only members name their own referrer.");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryAddMyReferrerAsync(caller, code, ct);
            }
            catch (Exception ex) when (attempt < MaxAttempts && IsConflict(ex))
            {
                // Two members naming each other at the same moment: PostgreSQL refuses one serializable transaction.
                // Trying again, the check sees the other's referrer and refuses the loop. A random pause keeps the two
                // from retrying in step and refusing each other again.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(10, 50) * attempt), ct);
            }
        }
    }

    private async Task<ReferralResult> TryAddMyReferrerAsync(Caller caller, string? code, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Serializable on PostgreSQL (the write lock up front on SQLite): the chain we walk is the chain we extend.
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        var memberId = await db.Members.Where(m => m.UserId == caller.UserId && m.AnonymisedAt == null).Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
        if (memberId is null) return ReferralResult.RefusedFor(ReferralRefusal.NoMember, text["There is no member profile for this account."]);

        var check = await ReferralAttribution.CheckAsync(db, code, memberId, Now.AddDays(-settings.Value.LateAttributionDays), ct);
        if (!check.Accepted) return ReferralResult.From(check, text);
        var referrerId = check.ReferrerId;
        var changed = await db.Members.Where(m => m.Id == memberId && m.ReferredByMemberId == null)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferredByMemberId, referrerId), ct);
        if (changed == 0) return ReferralResult.RefusedFor(ReferralRefusal.AlreadyReferred, text["A friend's referral is already recorded for you."]);
        await transaction.CommitAsync(ct);
        return ReferralResult.From(check, text);
    }

    /// <summary>Managers: members ranked by how many people they brought in, paged in the database.</summary>
    public async Task<TopReferrerPage> GetTopReferrersAsync(Caller caller, int page, int pageSize, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        pageSize = Math.Clamp(pageSize, 1, 100);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var referrals = db.Members.AsNoTracking().Where(m => m.ReferredByMemberId != null);
        var total = await referrals.Select(m => m.ReferredByMemberId).Distinct().CountAsync(ct);
        var counts = await referrals
            .GroupBy(m => m.ReferredByMemberId!.Value)
            .Select(g => new { ReferrerId = g.Key, Referred = g.Count(), Converted = g.Count(m => m.ReferralConvertedAt != null) })
            .OrderByDescending(g => g.Referred).ThenByDescending(g => g.Converted).ThenBy(g => g.ReferrerId)
            .Skip(page * pageSize).Take(pageSize)
            .ToListAsync(ct);
        var ids = counts.Select(c => c.ReferrerId).ToList();
        var anonymised = text["Anonymised member"].Value;
        var people = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new { Name = m.AnonymisedAt == null ? m.PreferredName : anonymised, m.MemberCode }, ct);
        return new TopReferrerPage(
            [.. counts.Select(c => new TopReferrer(c.ReferrerId, people[c.ReferrerId].Name, people[c.ReferrerId].MemberCode, c.Referred, c.Converted))],
            total);
    }

    /// <summary>Managers: finds a member by member code or referral code, for choosing whose chain to show.</summary>
    public async Task<int?> FindMemberAsync(Caller caller, string? code, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        var term = (code ?? "").Trim().ToUpperInvariant();
        if (term.Length == 0 || term.Length > 40) return null;
        var referral = ReferralRules.Normalize(term);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Members.AsNoTracking().Where(m => m.MemberCode == term || (referral != null && m.ReferralCode == referral))
            .Select(m => (int?)m.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Managers: who referred the member, up to the first member of the chain, and everyone below them, level by level
    /// over the indexed referrer column, bounded in depth and in people so a huge network stays one quick page.
    /// </summary>
    public async Task<ReferralChain?> GetChainAsync(Caller caller, int memberId, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var anonymised = text["Anonymised member"].Value;
        var member = await People(db.Members.Where(m => m.Id == memberId), anonymised).FirstOrDefaultAsync(ct);
        if (member is null) return null;

        var up = new List<ChainPerson>();
        var parentId = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.ReferredByMemberId).FirstAsync(ct);
        var seen = new HashSet<int> { memberId };
        while (parentId is { } id && seen.Add(id) && up.Count < ReferralSettings.MaxChainWalk)
        {
            var parent = await db.Members.AsNoTracking().Where(m => m.Id == id)
                .Select(m => new { m.ReferredByMemberId, Person = new ChainPerson(m.Id, m.AnonymisedAt == null ? m.PreferredName : anonymised, m.MemberCode, m.JoinedAt, m.ReferralConvertedAt, m.AnonymisedAt != null) })
                .FirstAsync(ct);
            up.Add(parent.Person);
            parentId = parent.ReferredByMemberId;
        }

        var children = new Dictionary<int, List<(ChainPerson Person, int? ParentId)>>();
        var frontier = new List<int> { memberId };
        var count = 0;
        var truncated = false;
        for (var depth = 1; frontier.Count > 0; depth++)
        {
            if (depth > MaxChainDepth) { truncated = true; break; }
            var parents = frontier;
            var level = await db.Members.AsNoTracking().Where(m => m.ReferredByMemberId != null && parents.Contains(m.ReferredByMemberId.Value))
                .OrderBy(m => m.JoinedAt).ThenBy(m => m.Id).Take(MaxChainNodes - count + 1)
                .Select(m => new { m.ReferredByMemberId, Person = new ChainPerson(m.Id, m.AnonymisedAt == null ? m.PreferredName : anonymised, m.MemberCode, m.JoinedAt, m.ReferralConvertedAt, m.AnonymisedAt != null) })
                .ToListAsync(ct);
            if (count + level.Count > MaxChainNodes) { truncated = true; level = level[..(MaxChainNodes - count)]; }
            // A loop written before the checks existed must not repeat people forever.
            level = [.. level.Where(l => seen.Add(l.Person.MemberId))];
            foreach (var l in level)
            {
                if (!children.TryGetValue(l.ReferredByMemberId!.Value, out var list)) children[l.ReferredByMemberId.Value] = list = [];
                list.Add((l.Person, l.ReferredByMemberId));
            }
            count += level.Count;
            frontier = [.. level.Select(l => l.Person.MemberId)];
            if (truncated) break;
        }

        var down = new List<ChainNode>(count);
        void Walk(int parent, int depth)
        {
            if (!children.TryGetValue(parent, out var list)) return;
            foreach (var (person, parentId) in list)
            {
                down.Add(new ChainNode(person, depth, parentId));
                Walk(person.MemberId, depth + 1);
            }
        }
        Walk(memberId, 1);
        return new ReferralChain(member, up, down, truncated);
    }

    /// <summary>Managers: who referred this member and how many they referred, for the member's page.</summary>
    public async Task<MemberReferralSummary?> GetSummaryAsync(Caller caller, int memberId, CancellationToken ct = default)
    {
        await RequireManagerAsync(caller, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var anonymised = text["Anonymised member"].Value;
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => new
            {
                m.ReferredByMemberId,
                ReferrerName = db.Members.Where(r => r.Id == m.ReferredByMemberId).Select(r => r.AnonymisedAt == null ? r.PreferredName : anonymised).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (member is null) return null;
        var referred = db.Members.AsNoTracking().Where(m => m.ReferredByMemberId == memberId);
        return new MemberReferralSummary(member.ReferredByMemberId, member.ReferrerName,
            await referred.CountAsync(ct), await referred.CountAsync(m => m.ReferralConvertedAt != null, ct));
    }

    /// <summary>
    /// Gives a member without a code one. Conditional, so two tabs opening the invite page at once agree on one code;
    /// a clash with another member's code loses on the unique index and draws again.
    /// </summary>
    internal static async Task<string> EnsureCodeAsync(LoyaltyDbContext db, int memberId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var code = ReferralRules.NewCode();
            try
            {
                await db.Members.Where(m => m.Id == memberId && m.ReferralCode == null).ExecuteUpdateAsync(s => s.SetProperty(m => m.ReferralCode, code), ct);
            }
            catch (Exception ex) when (attempt < MaxAttempts && ex is DbUpdateException or DbException)
            {
                continue;
            }
            return await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.ReferralCode!).FirstAsync(ct);
        }
    }

    private static IQueryable<ChainPerson> People(IQueryable<Member> members, string anonymised) =>
        members.AsNoTracking().Select(m => new ChainPerson(m.Id, m.AnonymisedAt == null ? m.PreferredName : anonymised, m.MemberCode, m.JoinedAt, m.ReferralConvertedAt, m.AnonymisedAt != null));

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsConflict(Exception ex) =>
        ex is DbUpdateException or DbException || ex is InvalidOperationException { InnerException: DbUpdateException or DbException };

    private Task RequireManagerAsync(Caller caller, CancellationToken ct) =>
        callers.RequireAsync(caller, caller.IsManager, "Only managers see referral chains.", ct);
}
