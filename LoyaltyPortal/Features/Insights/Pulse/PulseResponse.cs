using LoyaltyPortal.Features.Members;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Insights;

/// <summary>
/// One answer to the significance pulse ("How much would you miss us?"), or a dismissal of it (no score).
/// Either way it starts the wait before the member is asked again.
/// </summary>
public sealed class PulseResponse
{
    public long Id { get; set; }
    public int MemberId { get; set; }
    public DateTime RespondedAt { get; set; }

    /// <summary>0 to 10; null when the member dismissed the question.</summary>
    public int? Score { get; set; }

    /// <summary>The choices picked for "What matters most to you right now?".</summary>
    public List<string> Matters { get; set; } = [];

    /// <summary>Their own words for what matters, if any.</summary>
    public string? MattersText { get; set; }

    /// <summary>The tier the member held when answering, so the trend by tier reads as it was then.</summary>
    public int? TierId { get; set; }
}

internal sealed class PulseResponseConfiguration : IEntityTypeConfiguration<PulseResponse>
{
    public const int MattersTextMaxLength = 500;

    public void Configure(EntityTypeBuilder<PulseResponse> pulse)
    {
        pulse.Property(p => p.MattersText).HasMaxLength(MattersTextMaxLength);
        pulse.HasIndex(p => new { p.MemberId, p.RespondedAt });
        pulse.HasIndex(p => p.RespondedAt);
        pulse.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}
