using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace LoyaltyPortal.Features.Jobs;

/// <summary>The last run of one background job, whichever instance ran it: what managers see and readiness reads.</summary>
public sealed class JobRun
{
    public const int NameMaxLength = 64;
    public const int ErrorMaxLength = 500;

    public string Name { get; set; } = "";

    /// <summary>The schedule slot the last run was for (a night, a 15-minute slot); each slot runs on one instance only.</summary>
    public DateTime Occurrence { get; set; }

    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Null while running.</summary>
    public bool? Succeeded { get; set; }

    public string? Error { get; set; }

    /// <summary>Which instance ran it (machine and process), to find its logs.</summary>
    public string Instance { get; set; } = "";
}

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> run)
    {
        run.HasKey(r => r.Name);
        run.Property(r => r.Name).HasMaxLength(JobRun.NameMaxLength);
        run.Property(r => r.Error).HasMaxLength(JobRun.ErrorMaxLength);
        run.Property(r => r.Instance).HasMaxLength(100);
    }
}
