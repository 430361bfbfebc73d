using System.Collections.Concurrent;

namespace LoyaltyPortal.Features.Members.Import;

/// <summary>
/// Uploaded files and error reports on disk, in a temporary folder, each visible only to the manager who made it.
/// Callers name a file by its id, never by a path. Files older than <see cref="KeptFor"/> are deleted.
/// </summary>
public sealed class ImportFileStore(TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "loyaltyportal-imports", Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<Guid, StoredFile> files = new();

    /// <summary>A new empty file owned by <paramref name="ownerUserId"/>; the caller writes it.</summary>
    public (Guid Id, string Path) Create(string ownerUserId, string fileName)
    {
        Sweep();
        Directory.CreateDirectory(folder);
        var id = Guid.NewGuid();
        var path = System.IO.Path.Combine(folder, id.ToString("N") + ".csv");
        files[id] = new StoredFile(ownerUserId, path, fileName, clock.GetUtcNow());
        return (id, path);
    }

    /// <summary>The file's path and name when it exists and belongs to this user; otherwise null.</summary>
    public (string Path, string FileName)? Find(string ownerUserId, Guid id) =>
        files.TryGetValue(id, out var file) && file.OwnerUserId == ownerUserId && File.Exists(file.Path) ? (file.Path, file.FileName) : null;

    public void Delete(Guid id)
    {
        if (files.TryRemove(id, out var file)) TryDelete(file.Path);
    }

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow() - KeptFor;
        foreach (var (id, file) in files)
        {
            if (file.CreatedAt < cutoff) Delete(id);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Still open (an import reading it); the next sweep or the OS's temp cleanup removes it.
        }
    }

    private sealed record StoredFile(string OwnerUserId, string Path, string FileName, DateTimeOffset CreatedAt);
}
