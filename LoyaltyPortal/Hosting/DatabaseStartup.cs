using LoyaltyPortal.Data;
using LoyaltyPortal.Data.Seeding;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LoyaltyPortal.Hosting;

/// <summary>
/// Migrates (and in Development seeds) before the server accepts requests, then prints where to sign in.
/// </summary>
internal sealed class DatabaseStartup(DatabaseInitializer initializer, IServer server, IHostEnvironment environment) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => initializer.InitializeAsync(cancellationToken);

    public async Task StartedAsync(CancellationToken cancellationToken)
    {
        var accounts = await initializer.GetDemoAccountsAsync(cancellationToken);
        if (accounts.Count == 0) return;
        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost:5080";
        Console.WriteLine();
        Console.WriteLine($"LoyaltyPortal ({environment.EnvironmentName}) is running at {url}");
        Console.WriteLine($"Demo logins (password for all: {DemoAccounts.Password}):");
        foreach (var account in accounts)
        {
            Console.WriteLine($"  {account.Role,-8} {account.Email,-30} {account.Name}");
        }
        Console.WriteLine();
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
