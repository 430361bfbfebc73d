using LoyaltyPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Insights.Rollups;

/// <summary>
/// Activities of one programme-local day, by store, the member's tier and type: what engagement charts and the
/// dashboard add up instead of reading millions of ledger rows.
/// </summary>
public sealed class ActivityDayTotal
{
    /// <summary>The store id of activities recorded without a store (in the app, by email, online).</summary>
    public const int NoStore = 0;

    public DateOnly Day { get; set; }
    public int StoreId { get; set; }

    /// <summary>The tier the member held when the day was rolled up (the entry tier for a member without a standing).</summary>
    public int TierId { get; set; }

    public ActivityType Type { get; set; }
    public int Activities { get; set; }

    /// <summary>The sum of the activities' amounts (purchases), as a double so both databases sum it natively.</summary>
    public double Amount { get; set; }
}

/// <summary>Distinct members with any activity in one ISO week (Monday to Sunday, programme-local), per store and tier.</summary>
public sealed class ActiveMembersWeek
{
    /// <summary>Store or tier 0: every store, or every tier. Real ids start at 1.</summary>
    public const int All = 0;

    public DateOnly WeekStart { get; set; }
    public int StoreId { get; set; }
    public int TierId { get; set; }
    public int Members { get; set; }
}

/// <summary>
/// A member active in one recent week, in one store (0: activity without a store) and tier. Distinct members cannot be
/// added up, so a refresh looks here to add a member only to the counts of a week that has not seen them yet. Kept
/// for the last few weeks only (<see cref="InsightsRollupState.PresenceFrom"/>); an older week is recounted instead.
/// </summary>
public sealed class ActiveMemberPresence
{
    public DateOnly WeekStart { get; set; }
    public int MemberId { get; set; }
    public int StoreId { get; set; }
    public int TierId { get; set; }
}

/// <summary>Pulse answers and dismissals of one programme-local day, by the tier held when answering and the home store.</summary>
public sealed class PulseDayTotal
{
    /// <summary>Tier 0: the member had no tier recorded; store 0: no home store.</summary>
    public const int None = 0;

    public DateOnly Day { get; set; }
    public int TierId { get; set; }
    public int HomeStoreId { get; set; }
    public int Answers { get; set; }
    public int ScoreTotal { get; set; }
    public int Dismissals { get; set; }
}

/// <summary>How often each "what matters most" choice was picked in the answers of one day.</summary>
public sealed class PulseDayChoice
{
    public DateOnly Day { get; set; }
    public int TierId { get; set; }
    public int HomeStoreId { get; set; }
    public string Code { get; set; } = "";
    public int Count { get; set; }
}

/// <summary>Tier moves of one programme-local day, by the member's home store and the tiers left and reached.</summary>
public sealed class TierMoveDayTotal
{
    public DateOnly Day { get; set; }
    public int HomeStoreId { get; set; }
    public int FromTierId { get; set; }
    public int ToTierId { get; set; }
    public bool IsUp { get; set; }
    public int Moves { get; set; }
}

/// <summary>Members (not anonymised) holding each tier at the last refresh, per home store (0 = every store).</summary>
public sealed class TierHoldingTotal
{
    public int StoreId { get; set; }
    public int TierId { get; set; }
    public int Members { get; set; }
}

/// <summary>How far the rollups have read each source, and when they last caught up. One row.</summary>
public sealed class InsightsRollupState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public long ActivitiesThrough { get; set; }
    public long PulsesThrough { get; set; }
    public long TierChangesThrough { get; set; }

    /// <summary>
    /// The first week whose <see cref="ActiveMemberPresence"/> rows are complete; null until a full pass has written them.
    /// </summary>
    public DateOnly? PresenceFrom { get; set; }

    /// <summary>When the last refresh finished; null until the first one has read the whole history.</summary>
    public DateTime? RefreshedAt { get; set; }
}

internal sealed class InsightsRollupConfiguration :
    IEntityTypeConfiguration<ActivityDayTotal>, IEntityTypeConfiguration<ActiveMembersWeek>, IEntityTypeConfiguration<PulseDayTotal>,
    IEntityTypeConfiguration<PulseDayChoice>, IEntityTypeConfiguration<TierMoveDayTotal>, IEntityTypeConfiguration<TierHoldingTotal>,
    IEntityTypeConfiguration<InsightsRollupState>, IEntityTypeConfiguration<ActiveMemberPresence>
{
    // Choice codes are short slugs; anything longer in an old answer is cut to fit.
    public const int MaxChoiceCodeLength = 40;

    public void Configure(EntityTypeBuilder<ActivityDayTotal> total) => total.HasKey(t => new { t.Day, t.StoreId, t.TierId, t.Type });
    public void Configure(EntityTypeBuilder<ActiveMembersWeek> week) => week.HasKey(w => new { w.WeekStart, w.StoreId, w.TierId });
    // Week and member first: a refresh looks up the members of the weeks its new rows fall in.
    public void Configure(EntityTypeBuilder<ActiveMemberPresence> presence) =>
        presence.HasKey(p => new { p.WeekStart, p.MemberId, p.StoreId, p.TierId });

    public void Configure(EntityTypeBuilder<PulseDayTotal> total) => total.HasKey(t => new { t.Day, t.TierId, t.HomeStoreId });

    public void Configure(EntityTypeBuilder<PulseDayChoice> choice)
    {
        choice.HasKey(c => new { c.Day, c.TierId, c.HomeStoreId, c.Code });
        choice.Property(c => c.Code).HasMaxLength(MaxChoiceCodeLength);
    }

    public void Configure(EntityTypeBuilder<TierMoveDayTotal> total) => total.HasKey(t => new { t.Day, t.HomeStoreId, t.FromTierId, t.ToTierId, t.IsUp });
    public void Configure(EntityTypeBuilder<TierHoldingTotal> holding) => holding.HasKey(h => new { h.StoreId, h.TierId });

    public void Configure(EntityTypeBuilder<InsightsRollupState> state) => state.Property(s => s.Id).ValueGeneratedNever();
}
