using LoyaltyPortal.Data;
using LoyaltyPortal.Features.Progress;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Import;

/// <summary>What one batch did (or, in a dry run, would do).</summary>
internal sealed record BatchResult(ImportCounts Counts, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Applies a batch of valid rows inside the caller's transaction: new members, changed members and their opening
/// history, in bulk. Members are keyed by external id and each opening ledger row by a source key made from it
/// (<c>import:&lt;id&gt;:visit</c>), so importing the same file again finds everything as it is and writes nothing.
/// </summary>
/// <remarks>
/// The opening history is bulk-written like the seeder's generated history, not appended one by one through
/// <see cref="ActivityRecorder"/>: that would cost a dozen queries a row. What the recorder would keep in step is kept
/// here: points are stamped (the joining head start from its rule; a carried-over tier its threshold; history from
/// before the programme none), and each touched member's standing is computed and stored with the batch. Nothing is
/// celebrated or converted: an imported past is not news to the member.
/// </remarks>
internal sealed class MemberImportWriter(ProgressRules rules, int joinedPoints, DateTime now, string staffUserId, IStringLocalizer<ImportText> text)
{
    private const string ActivityColumns =
        """ "Activities" ("MemberId","Type","OccurredAt","StoreId","StaffUserId","Amount","Currency","Points","SourceKey","Description")""";

    private const string ActivityUpsert =
        """
        ON CONFLICT ("SourceKey") DO UPDATE SET "OccurredAt" = excluded."OccurredAt", "Amount" = excluded."Amount",
            "Currency" = excluded."Currency", "Points" = excluded."Points", "Description" = excluded."Description"
        """;

    public static string SourceKey(string externalId, string what) => $"import:{externalId}:{what}";

    private static readonly string[] Kinds = ["joined", "visit", "spend", "tier"];

    public async Task<BatchResult> ApplyAsync(LoyaltyDbContext db, IReadOnlyList<ImportRow> rows, bool write, CancellationToken ct)
    {
        var externalIds = rows.Select(r => r.ExternalId).ToList();
        if (write) await LockAsync(db, externalIds, ct);
        var existing = await db.Members.AsNoTracking().Where(m => m.ExternalId != null && EF.Parameter(externalIds).Contains(m.ExternalId))
            .Select(m => new Existing(m.Id, m.ExternalId!, m.PreferredName, m.Email, m.Phone, m.HomeStoreId, m.JoinedAt, m.ConsentContact,
                m.AnonymisedAt != null))
            .ToDictionaryAsync(m => m.ExternalId, StringComparer.Ordinal, ct);
        var keys = existing.Keys.SelectMany(id => Kinds.Select(k => SourceKey(id, k))).ToList();
        var ledger = keys.Count == 0 ? [] : await db.Activities.AsNoTracking().Where(a => EF.Parameter(keys).Contains(a.SourceKey))
            .Select(a => new Opening(a.SourceKey, a.Type, a.OccurredAt, a.Amount, a.Currency, a.Points, a.Description))
            .ToDictionaryAsync(a => a.Key, StringComparer.Ordinal, ct);

        var onFile = await OnFileAsync(db, rows, existing, ct);

        var errors = new List<ImportRowError>();
        var plans = new List<Plan>(rows.Count);
        foreach (var row in rows)
        {
            var member = existing.GetValueOrDefault(row.ExternalId);
            if (member is { Anonymised: true })
            {
                errors.Add(new(row.RowNumber, row.ExternalId, text["This member deleted their account; they are not imported again."]));
                continue;
            }
            if (ClashWith(row, member, onFile) is { } clash)
            {
                errors.Add(new(row.RowNumber, row.ExternalId, clash));
                continue;
            }
            plans.Add(PlanFor(row, member, ledger));
        }
        var created = plans.Count(p => p.Existing is null);
        var updated = plans.Count(p => p.Existing is not null && (p.MemberChanged || p.Ledger.Count > 0));
        var counts = new ImportCounts(rows.Count, created, updated, plans.Count - created - updated, errors.Count);
        if (write) await WriteAsync(db, plans, ct);
        return new BatchResult(counts, errors);
    }

    /// <summary>
    /// SQLite: becomes the writer before reading, so the read cannot go stale. PostgreSQL: holds the right to add phones
    /// and emails (<see cref="MemberIdentities"/>), then the existing members' row locks (newest first, the order a
    /// referral conversion takes them) so a visit cannot interleave with their new standing.
    /// </summary>
    private static async Task LockAsync(LoyaltyDbContext db, List<string> externalIds, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await ActivityRecorder.LockMemberAsync(db, 0, ct);
            return;
        }
        await MemberIdentities.HoldAsync(db, ct);
        var ids = externalIds.ToArray();
        await db.Database.SqlQuery<int>(
            $"""SELECT 1 AS "Value" FROM "Members" WHERE "ExternalId" = ANY({ids}) ORDER BY "Id" DESC FOR UPDATE""").ToListAsync(ct);
    }

    /// <summary>
    /// Members already on file with a row's phone or email, leaving out values a member's own row leaves as they are.
    /// Rows of the same file were checked against each other as they were read; this finds everyone else, including
    /// members enrolled at a counter since the import began (read behind the batch's lock).
    /// </summary>
    private static Task<IdentityHolders> OnFileAsync(LoyaltyDbContext db, IReadOnlyList<ImportRow> rows, Dictionary<string, Existing> existing,
        CancellationToken ct)
    {
        var phones = new List<string>();
        var emails = new List<string>();
        foreach (var row in rows)
        {
            var member = existing.GetValueOrDefault(row.ExternalId);
            if (row.Phone is { } phone && phone != member?.Phone) phones.Add(phone);
            if (row.Email is { } email && !string.Equals(email, member?.Email, StringComparison.OrdinalIgnoreCase))
            {
                emails.Add(MemberSearchForms.Email(email)!);
            }
        }
        return MemberIdentities.OnFileAsync(db, phones, emails, ct);
    }

    /// <summary>Why the row would make a second member of someone already on file, or null.</summary>
    private string? ClashWith(ImportRow row, Existing? member, IdentityHolders onFile)
    {
        if (row.Phone is { } phone && onFile.Phones[phone].FirstOrDefault(h => h.Id != member?.Id) is { } byPhone)
        {
            return text["The phone number {0} is already on file for {1} (member code {2}); one person is one member.", phone, byPhone.Name, byPhone.MemberCode];
        }
        if (row.Email is { } email && onFile.Emails[MemberSearchForms.Email(email)!].FirstOrDefault(h => h.Id != member?.Id) is { } byEmail)
        {
            return text["The email address {0} is already on file for {1} (member code {2}); one person is one member.", email, byEmail.Name, byEmail.MemberCode];
        }
        return null;
    }

    private Plan PlanFor(ImportRow row, Existing? member, Dictionary<string, Opening> ledger)
    {
        var joinedAt = row.JoinedAt ?? member?.JoinedAt ?? now;
        var desired = new Existing(member?.Id ?? 0, row.ExternalId, row.Name, row.Email ?? member?.Email, row.Phone ?? member?.Phone,
            row.StoreId ?? member?.StoreId, joinedAt, row.Consent ?? member?.Consent ?? false, false);
        var memberChanged = member is not null && (member.Name != desired.Name || member.Email != desired.Email || member.Phone != desired.Phone
            || member.StoreId != desired.StoreId || member.JoinedAt.Ticks != joinedAt.Ticks || member.Consent != desired.Consent);

        var changes = new List<Opening>();
        void Want(Opening wanted)
        {
            if (!ledger.TryGetValue(wanted.Key, out var stored) || !stored.SameAs(wanted)) changes.Add(wanted);
        }
        var joinedKey = SourceKey(row.ExternalId, "joined");
        // Points are stamped once, when the row is first written; a later rule change applies from then on.
        var stampedJoined = ledger.TryGetValue(joinedKey, out var joined) ? joined.Points : joinedPoints;
        Want(new(joinedKey, ActivityType.Joined, joinedAt, null, null, stampedJoined, "Joined before the portal (imported)"));
        var visitKey = SourceKey(row.ExternalId, "visit");
        if (row.LastVisitAt is { } visit) Want(new(visitKey, ActivityType.Visit, visit, null, null, 0, "Last visit before the portal (imported)"));
        if (row.Spend is { } spend)
        {
            var at = row.LastVisitAt ?? (ledger.TryGetValue(visitKey, out var storedVisit) ? storedVisit.At : joinedAt);
            Want(new(SourceKey(row.ExternalId, "spend"), ActivityType.Purchase, at, spend, row.Currency, 0, "Lifetime spend before the portal (imported)"));
        }
        if (row.Tier is { Threshold: > 0 } tier)
        {
            var tierKey = SourceKey(row.ExternalId, "tier");
            var at = ledger.TryGetValue(tierKey, out var storedTier) ? storedTier.At : now;
            Want(new(tierKey, ActivityType.TierCarriedOver, at, null, null, tier.Threshold, $"{tier.Name} carried over from before the portal"));
        }
        return new Plan(row, member, desired, memberChanged, changes);
    }

    private async Task WriteAsync(LoyaltyDbContext db, List<Plan> plans, CancellationToken ct)
    {
        var fresh = plans.Where(p => p.Existing is null).ToList();
        var ids = await ReserveMemberIdsAsync(db, fresh.Count, ct);
        var codes = await NewMemberCodesAsync(db, fresh.Count, ct);
        var memberRows = new List<object?[]>(fresh.Count);
        var wordRows = new List<object?[]>(fresh.Count * 2);
        for (var i = 0; i < fresh.Count; i++)
        {
            var d = fresh[i].Desired with { Id = ids[i] };
            fresh[i] = fresh[i] with { Desired = d };
            memberRows.Add([d.Id, codes[i], d.ExternalId, d.Name, MemberRules.ToSearchForm(d.Name), d.Phone, MemberSearchForms.PhoneLast4(d.Phone),
                d.Email, MemberSearchForms.Email(d.Email), d.JoinedAt, d.StoreId, d.Consent, false, now, 0]);
            foreach (var word in MemberSearchForms.NameWords(d.Name)) wordRows.Add([d.Id, word]);
        }
        await MultiRowWrite.InsertAsync(db, """
            "Members" ("Id","MemberCode","ExternalId","PreferredName","SearchName","Phone","PhoneLast4","Email","SearchEmail",
                "JoinedAt","HomeStoreId","ConsentContact","ConsentProfiling","ConsentUpdatedAt","PassVersion")
            """, memberRows, ct);
        await MultiRowWrite.InsertAsync(db, """ "MemberNameWords" ("MemberId","Word")""", wordRows, ct);
        await UpdateMembersAsync(db, plans.Where(p => p.MemberChanged).ToList(), ct);

        // A new member's opening rows cannot clash (their keys hold an external id no member had), so they are plain
        // inserts (binary COPY on PostgreSQL); only an existing member's rows may replace what an earlier import wrote.
        var known = plans.Where(p => p.Existing is not null).ToList();
        await MultiRowWrite.InsertAsync(db, ActivityColumns, LedgerRows(fresh), ct);
        await MultiRowWrite.ExecuteAsync(db, $"INSERT INTO {ActivityColumns}", LedgerRows(known), ActivityUpsert, ct);
        await WriteStandingsAsync(db, fresh, known.Where(p => p.Ledger.Count > 0).Select(p => p.Desired.Id).ToList(), ct);
    }

    private List<object?[]> LedgerRows(List<Plan> plans) => plans.SelectMany(p => p.Ledger.Select(o => new object?[]
    {
        p.Desired.Id, (int)o.Type, o.At, p.Desired.StoreId, staffUserId, o.Amount, o.Currency, o.Points, o.Key, o.Description,
    })).ToList();

    private async Task UpdateMembersAsync(LoyaltyDbContext db, List<Plan> changed, CancellationToken ct)
    {
        if (changed.Count == 0) return;
        var ids = changed.Select(p => p.Desired.Id).ToList();
        var members = await db.Members.Where(m => EF.Parameter(ids).Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        foreach (var plan in changed)
        {
            var (member, d) = (members[plan.Desired.Id], plan.Desired);
            var renamed = member.PreferredName != d.Name;
            if (member.ConsentContact != d.Consent) member.ConsentUpdatedAt = now;
            (member.PreferredName, member.Email, member.Phone, member.HomeStoreId, member.JoinedAt, member.ConsentContact) =
                (d.Name, d.Email, d.Phone, d.StoreId, d.JoinedAt, d.Consent);
            MemberSearchForms.Apply(member);
            if (renamed) await MemberSearchForms.SyncNameWordsAsync(db, member, ct);
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// New members' standings come from their opening rows alone; members whose opening rows changed are recomputed from
    /// their ledger. A first standing places the member (no tier change); a changed one records the move.
    /// </summary>
    private async Task WriteStandingsAsync(LoyaltyDbContext db, List<Plan> fresh, List<int> changedLedger, CancellationToken ct)
    {
        if (rules.Tiers.Count == 0) return;
        var rows = new List<object?[]>(fresh.Count + changedLedger.Count);
        foreach (var plan in fresh)
        {
            var earned = plan.Ledger.Where(o => o.Points != 0 && o.At <= now).Select(o => new EarnedPoints(o.At, o.Points)).ToList();
            rows.Add(StandingRow(plan.Desired.Id, rules.Compute(earned, now)));
        }
        if (changedLedger.Count > 0)
        {
            var after = rules.LooksBackTo(now);
            var earned = (await db.Activities.AsNoTracking()
                    .Where(a => EF.Parameter(changedLedger).Contains(a.MemberId) && a.OccurredAt > after && a.OccurredAt <= now && a.Points != 0)
                    .Select(a => new { a.MemberId, a.OccurredAt, a.Points }).ToListAsync(ct))
                .ToLookup(a => a.MemberId, a => new EarnedPoints(a.OccurredAt, a.Points));
            var stored = await db.MemberStandings.AsNoTracking().Where(s => EF.Parameter(changedLedger).Contains(s.MemberId))
                .ToDictionaryAsync(s => s.MemberId, s => s.TierId, ct);
            foreach (var memberId in changedLedger)
            {
                var standing = rules.Compute(earned[memberId].ToList(), now);
                if (stored.TryGetValue(memberId, out var from) && TierChange.Between(memberId, from, standing.HeldTierId, rules.Tiers, now) is { } change)
                {
                    db.TierChanges.Add(change);
                }
                rows.Add(StandingRow(memberId, standing));
            }
            await db.SaveChangesAsync(ct);
        }
        await MultiRowWrite.ExecuteAsync(db, """INSERT INTO "MemberStandings" ("MemberId","TierId","PointsInWindow","DropsAt","UpdatedAt")""", rows,
            """
            ON CONFLICT ("MemberId") DO UPDATE SET "TierId" = excluded."TierId", "PointsInWindow" = excluded."PointsInWindow",
                "DropsAt" = excluded."DropsAt", "UpdatedAt" = excluded."UpdatedAt"
            """, ct);
    }

    private object?[] StandingRow(int memberId, Standing standing) => [memberId, standing.HeldTierId, standing.PointsInWindow, standing.DropsAt, now];

    /// <summary>Ids for new members, taken in the writer's lock (SQLite) or from the identity sequence (PostgreSQL).</summary>
    private static async Task<List<int>> ReserveMemberIdsAsync(LoyaltyDbContext db, int count, CancellationToken ct)
    {
        if (count == 0) return [];
        if (db.Database.IsSqlite())
        {
            var first = (await db.Members.MaxAsync(m => (int?)m.Id, ct) ?? 0) + 1;
            return Enumerable.Range(first, count).ToList();
        }
        return await db.Database.SqlQuery<int>(
                $"""SELECT CAST(nextval(pg_get_serial_sequence('"Members"', 'Id')) AS integer) AS "Value" FROM generate_series(1, {count})""")
            .ToListAsync(ct);
    }

    /// <summary>Random member codes, drawn again until none is taken (a clash is rare but real at a million members).</summary>
    private static async Task<List<string>> NewMemberCodesAsync(LoyaltyDbContext db, int count, CancellationToken ct)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        while (codes.Count < count) codes.Add(MemberRules.NewMemberCode());
        while (true)
        {
            var drawn = codes.ToList();
            var taken = drawn.Count == 0 ? [] : await db.Members.Where(m => EF.Parameter(drawn).Contains(m.MemberCode)).Select(m => m.MemberCode).ToListAsync(ct);
            if (taken.Count == 0) return drawn;
            codes.ExceptWith(taken);
            while (codes.Count < count) codes.Add(MemberRules.NewMemberCode());
        }
    }

    private sealed record Existing(
        int Id, string ExternalId, string Name, string? Email, string? Phone, int? StoreId, DateTime JoinedAt, bool Consent, bool Anonymised);

    private sealed record Opening(string Key, ActivityType Type, DateTime At, decimal? Amount, string? Currency, int Points, string? Description)
    {
        public bool SameAs(Opening other) => Type == other.Type && At.Ticks == other.At.Ticks && Amount == other.Amount
            && Currency == other.Currency && Points == other.Points;
    }

    private sealed record Plan(ImportRow Row, Existing? Existing, Existing Desired, bool MemberChanged, List<Opening> Ledger);
}
