using LoyaltyPortal.Features.Members;
using LoyaltyPortal.Features.Members.Referrals;

namespace LoyaltyPortal.Data.Seeding;

public sealed record GeneratedMember(
    int Id, string Code, string Name, string SearchName, string? Phone, string? Email, DateOnly? Birthday,
    DateTime JoinedAt, int HomeStoreId, bool ConsentContact, bool ConsentProfiling, IReadOnlyList<int> InterestIds,
    string? ReferralCode = null, int? ReferredById = null, DateTime? ReferralConvertedAt = null);

public sealed record GeneratedActivity(
    int MemberId, ActivityType Type, DateTime OccurredAt, int StoreId, string? StaffUserId, decimal? Amount, string SourceKey);

public sealed record GeneratedNote(int MemberId, string AuthorUserId, string AuthorName, int StoreId, string Text, DateTime CreatedAt);

public sealed record StaffRef(string UserId, string Name, int StoreId);

/// <summary>
/// Makes realistic, deterministic members and history: the same seed and id range always give the same rows,
/// so the demo database and benchmark databases are reproducible.
/// </summary>
public sealed class MemberDataGenerator(int seed, DateTime now, IReadOnlyList<int> storeIds, IReadOnlyList<StaffRef> staff, IReadOnlyList<int> interestIds)
{
    private static readonly string[] FirstNames =
    [
        "Olivia", "Noah", "Amelia", "Oliver", "Isla", "George", "Ava", "Arthur", "Mia", "Muhammad", "Ivy", "Leo",
        "Freya", "Harry", "Zoë", "Oscar", "Chloé", "Jack", "Aisha", "Theo", "Priya", "Finn", "Sofía", "Mateo",
        "Łukasz", "Nguyễn", "Siobhán", "José", "Björn", "Anaïs", "Kwame", "Mei", "Rhys", "Niamh", "Tomás", "Léa",
        "Ines", "Yusuf", "Hannah", "Ravi", "Grace", "Dmitri", "Eilidh", "Callum", "Fatima", "Kenji", "Maja", "Emre",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
        "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Müller", "O'Brien", "García", "Nowak", "Kowalczyk", "Hernández", "Okafor", "Nakamura", "Søndergaard",
        "Dubois", "Rossi", "Khan", "Begum", "Ali", "Chen", "Murphy", "MacLeod", "Fernández", "Öztürk", "Lefèvre",
        "Novák", "Andersson", "Papadopoulos", "Mensah", "Reid", "Campbell", "Stewart", "Byrne", "Kelly",
    ];

    private static readonly string[] NoteTexts =
    [
        "Prefers the quieter morning slots.", "Training for a half marathon in spring.", "Asked us to keep an eye out for wide-fit trail shoes.",
        "Likes a coffee while trying things on.", "Brings her daughter along on Saturdays.", "Vegan: suggest the leather-free range.",
        "Recovering from a knee injury; recommend low-impact kit.", "Always asks about new sustainable lines.", "Hard of hearing: face them when speaking.",
        "Birthday this month; loves the run club.", "Returned a jacket that ran small; sizes up in outerwear.", "Keen photographer; ask about the hiking workshop.",
    ];

    public IEnumerable<(GeneratedMember Member, List<GeneratedActivity> Activities, List<GeneratedNote> Notes)> Generate(int firstId, int count, int averageActivities)
    {
        // Not HashCode.Combine: its hashes are randomised per process, so every run would make different members.
        var random = new Random(unchecked(seed * 31 + firstId));
        // Referrals draw from their own stream, so members and history stay what they were before referrals existed.
        var referralRandom = new Random(unchecked((seed * 31 + firstId) ^ 0x5EED));
        var referrers = new ReferrerPool();
        for (var id = firstId; id < firstId + count; id++)
        {
            var member = NewMember(random, id);
            var history = NewHistory(random, member, averageActivities);
            var notes = NewNotes(random, member);
            member = Refer(referralRandom, referrers, member with { ReferralCode = ReferralRules.CodeFor(id) }, history);
            yield return (member, history, notes);
        }
    }

    /// <summary>
    /// About one member in eight joins through an earlier member who joined before them; a third of those referrers
    /// were referred themselves, so chains run a few deep. Half convert: their first visit or purchase credits the
    /// referrer with a "referral converted" entry, keyed as the live app keys it. The rest have not come in yet.
    /// </summary>
    private GeneratedMember Refer(Random random, ReferrerPool pool, GeneratedMember member, List<GeneratedActivity> history)
    {
        var referrer = random.NextDouble() < ReferredShare ? pool.Pick(random, member.JoinedAt) : null;
        pool.Add(member.Id, member.JoinedAt, referred: referrer is not null);
        if (referrer is not { } referrerId) return member;

        if (random.NextDouble() >= 0.5)
        {
            history.RemoveAll(a => a.Type != ActivityType.Joined);
            return member with { ReferredById = referrerId };
        }
        var first = history.Where(a => a.Type is ActivityType.Visit or ActivityType.Purchase).MinBy(a => a.OccurredAt);
        if (first is null)
        {
            var at = member.JoinedAt.AddMinutes(random.NextDouble() * Math.Min(30 * 24 * 60, (now - member.JoinedAt).TotalMinutes));
            first = new(member.Id, ActivityType.Visit, at, member.HomeStoreId, null, null, $"seed:{member.Id}:first-visit");
            history.Add(first);
        }
        history.Add(new(referrerId, ActivityType.ReferralConverted, first.OccurredAt, first.StoreId, null, null, ReferralConversion.SourceKey(member.Id)));
        return member with { ReferredById = referrerId, ReferralConvertedAt = first.OccurredAt };
    }

    // Some draws find no one who joined earlier, so slightly more are drawn than the one in eight who end up referred.
    internal const double ReferredShare = 0.16;

    /// <summary>The most recent members of this run, as candidate referrers; a small ring, so picking stays constant-time.</summary>
    private sealed class ReferrerPool
    {
        private const int Size = 4096;
        private readonly (int Id, DateTime JoinedAt)[] all = new (int, DateTime)[Size];
        private readonly (int Id, DateTime JoinedAt)[] referred = new (int, DateTime)[Size];
        private int allCount;
        private int referredCount;

        public void Add(int id, DateTime joinedAt, bool referred)
        {
            all[allCount++ % Size] = (id, joinedAt);
            if (referred) this.referred[referredCount++ % Size] = (id, joinedAt);
        }

        /// <summary>Someone who joined before <paramref name="joinedAt"/>, or null when a few tries find nobody.</summary>
        public int? Pick(Random random, DateTime joinedAt)
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var fromReferred = referredCount > 0 && random.NextDouble() < 0.35;
                var (source, count) = fromReferred ? (referred, referredCount) : (all, allCount);
                if (count == 0) return null;
                var candidate = source[random.Next(Math.Min(count, Size))];
                if (candidate.JoinedAt < joinedAt) return candidate.Id;
            }
            return null;
        }
    }

    private GeneratedMember NewMember(Random random, int id)
    {
        var first = FirstNames[random.Next(FirstNames.Length)];
        var last = LastNames[random.Next(LastNames.Length)];
        var name = $"{first} {last}";
        var joinedAt = now.AddDays(-random.Next(1, 3 * 365)).AddMinutes(-random.Next(0, 24 * 60));
        var hasEmail = random.NextDouble() < 0.9;
        var hasPhone = !hasEmail || random.NextDouble() < 0.7;
        var interests = interestIds.OrderBy(_ => random.Next()).Take(random.Next(1, 5)).Order().ToArray();
        return new GeneratedMember(
            id,
            CodeFor(id),
            name,
            MemberRules.ToSearchForm(name),
            hasPhone ? $"+447{random.Next(100_000_000, 999_999_999)}" : null,
            hasEmail ? $"{MemberRules.ToSearchForm(first).Replace("'", "")}.{MemberRules.ToSearchForm(last).Replace("'", "")}{id}@example.com" : null,
            random.NextDouble() < 0.6 ? new DateOnly(random.Next(1950, 2006), random.Next(1, 13), random.Next(1, 29)) : null,
            joinedAt,
            storeIds[random.Next(storeIds.Count)],
            random.NextDouble() < 0.7,
            random.NextDouble() < 0.6,
            interests);
    }

    private List<GeneratedActivity> NewHistory(Random random, GeneratedMember member, int averageActivities)
    {
        // A few very engaged members and a long tail of occasional ones, as in real programmes.
        var target = averageActivities <= 0 ? 0 : (int)Math.Min(averageActivities * 20, -Math.Log(1 - random.NextDouble()) * averageActivities);
        var activities = new List<GeneratedActivity>(target + 1)
        {
            new(member.Id, ActivityType.Joined, member.JoinedAt, member.HomeStoreId, null, null, $"seed:{member.Id}:joined"),
        };
        var span = (now - member.JoinedAt).TotalMinutes;
        for (var i = 0; i < target; i++)
        {
            var at = member.JoinedAt.AddMinutes(random.NextDouble() * span);
            var store = random.NextDouble() < 0.8 ? member.HomeStoreId : storeIds[random.Next(storeIds.Count)];
            var storeStaff = StaffAt(store);
            var staffId = storeStaff.Count == 0 ? null : storeStaff[random.Next(storeStaff.Count)].UserId;
            var roll = random.NextDouble();
            var (type, amount) = roll switch
            {
                < 0.55 => (ActivityType.Visit, (decimal?)null),
                < 0.90 => (ActivityType.Purchase, Math.Round((decimal)(12 + random.NextDouble() * random.NextDouble() * 240), 2)),
                < 0.95 => (ActivityType.FeedbackGiven, null),
                < 0.98 => (ActivityType.GuestBrought, null),
                // Referral credits come only from real referrals (see Refer), never at random.
                _ => (ActivityType.Visit, null),
            };
            activities.Add(new(member.Id, type, at, store, staffId, amount, $"seed:{member.Id}:{i}"));
        }
        return activities;
    }

    private List<GeneratedNote> NewNotes(Random random, GeneratedMember member)
    {
        var notes = new List<GeneratedNote>();
        if (random.NextDouble() >= 0.12) return notes;
        var storeStaff = StaffAt(member.HomeStoreId);
        if (storeStaff.Count == 0) return notes;
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            var author = storeStaff[random.Next(storeStaff.Count)];
            var at = member.JoinedAt.AddMinutes(random.NextDouble() * (now - member.JoinedAt).TotalMinutes);
            notes.Add(new(member.Id, author.UserId, author.Name, author.StoreId, NoteTexts[random.Next(NoteTexts.Length)], at));
        }
        return notes;
    }

    /// <summary>
    /// A scrambled but collision-free code per id: multiplying by an odd number and xor-shifting are both
    /// invertible on 40 bits (8 characters of a 32-letter alphabet), so distinct ids always get distinct codes.
    /// </summary>
    internal static string CodeFor(int id)
    {
        const ulong mask = (1UL << 40) - 1;
        var x = ((ulong)id * 0x5DEECE66DUL) & mask;
        x ^= x >> 19;
        x = (x * 0x2545F491UL) & mask;
        x ^= x >> 13;
        return string.Create(MemberRules.CodeLength, x, (span, value) =>
        {
            for (var i = span.Length - 1; i >= 0; i--, value >>= 5) span[i] = MemberRules.CodeAlphabet[(int)(value & 31)];
        });
    }

    private List<StaffRef> StaffAt(int storeId) => staffByStore.TryGetValue(storeId, out var list) ? list : [];

    private readonly Dictionary<int, List<StaffRef>> staffByStore = staff.GroupBy(s => s.StoreId).ToDictionary(g => g.Key, g => g.ToList());
}
