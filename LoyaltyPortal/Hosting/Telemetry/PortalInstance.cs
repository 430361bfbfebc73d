namespace LoyaltyPortal.Hosting.Telemetry;

/// <summary>
/// This process among the portal's instances: machine and process id, readable in the jobs table and as the traces'
/// and metrics' <c>service.instance.id</c>, so a job's run and its telemetry name the same instance.
/// </summary>
public static class PortalInstance
{
    public static string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
