namespace LoyaltyPortal.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Folder for the SQLite file (and Development mail), relative to the app's content root.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// Migrate (and load reference data) at start: right for one instance. Several instances run
    /// <c>dotnet run --project LoyaltyPortal -- migrate</c> once instead and start with this off, so they wait for the
    /// schema rather than race to change it.
    /// </summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>Load demo stores, staff and members into an empty database at startup.</summary>
    public bool SeedDemoData { get; set; }

    /// <summary>How many members the startup demo seed creates.</summary>
    public int DemoMembers { get; set; } = 3000;

    /// <summary>
    /// SQLite only: <see cref="Data.SqliteSynchronous.Full"/> (the default: a sale the till was told is recorded
    /// survives a power cut) or <see cref="Data.SqliteSynchronous.Normal"/>, about twice the writes a second, at the
    /// risk of losing the last commits (never the file) to a power cut or OS crash.
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>SQLite only: how long a write waits for another writer's commit before it fails (1–300 s).</summary>
    public int SqliteBusyTimeoutSeconds
    {
        get;
        set => field = Math.Clamp(value, 1, 300);
    } = 30;

    public string ResolveDataFolder(string contentRoot) => Path.GetFullPath(Path.Combine(contentRoot, DataFolder));
}
