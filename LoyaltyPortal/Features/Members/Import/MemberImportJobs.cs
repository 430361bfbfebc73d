using System.Collections.Concurrent;
using LoyaltyPortal.Components.Account;
using Microsoft.Extensions.Localization;

namespace LoyaltyPortal.Features.Members.Import;

public enum ImportJobState
{
    Running,
    Finished,
    Failed,
}

/// <summary>An import or dry run as the page polls it: how far it has got and, once finished, what it did.</summary>
public sealed record ImportJobStatus(Guid Id, bool DryRun, ImportJobState State, ImportProgress Progress, ImportSummary? Summary);

/// <summary>
/// Runs imports in the background, so a million rows outlive the request (and a dropped circuit) that started them;
/// the page polls <see cref="GetAsync"/> for progress. Only the manager who started a job sees it.
/// </summary>
public sealed class MemberImportJobs(
    MemberImportService imports, ActiveCallers callers, ILogger<MemberImportJobs> logger, IStringLocalizer<ImportText> text) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Job> jobs = new();

    // Cancelled when the app stops (the container disposes this singleton); a batch in flight rolls back.
    private readonly CancellationTokenSource stopping = new();

    public async Task<Guid> StartAsync(Caller caller, Guid uploadId, ImportMapping mapping, bool dryRun, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, "Only managers can import members.", ct);
        var job = new Job(Guid.NewGuid(), caller.UserId, dryRun);
        jobs[job.Id] = job;
        foreach (var old in jobs.Values.Where(j => j.State != ImportJobState.Running && j.Started < DateTimeOffset.UtcNow - ImportFileStore.KeptFor))
        {
            jobs.TryRemove(old.Id, out _);
        }
        _ = Task.Run(async () =>
        {
            try
            {
                job.Summary = await imports.RunAsync(caller, uploadId, mapping, dryRun, p => job.Progress = p, ct: stopping.Token);
                job.State = job.Summary.Succeeded ? ImportJobState.Finished : ImportJobState.Failed;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Member import {JobId} failed", job.Id);
                job.Summary = ImportSummary.Failed(dryRun, text["The import stopped unexpectedly. Rows written before then are kept; import the file again to finish."]);
                job.State = ImportJobState.Failed;
            }
        });
        return job.Id;
    }

    public async Task<ImportJobStatus?> GetAsync(Caller caller, Guid jobId, CancellationToken ct = default)
    {
        await callers.RequireAsync(caller, caller.IsManager, "Only managers can import members.", ct);
        return jobs.TryGetValue(jobId, out var job) && job.OwnerUserId == caller.UserId
            ? new ImportJobStatus(job.Id, job.DryRun, job.State, job.Progress, job.Summary)
            : null;
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private sealed class Job(Guid id, string ownerUserId, bool dryRun)
    {
        public Guid Id { get; } = id;
        public string OwnerUserId { get; } = ownerUserId;
        public bool DryRun { get; } = dryRun;
        public DateTimeOffset Started { get; } = DateTimeOffset.UtcNow;
        public volatile ImportJobState State;
        public volatile ImportProgress Progress = new(0, ImportCounts.None);
        public volatile ImportSummary? Summary;
    }
}
