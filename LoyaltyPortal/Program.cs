using LoyaltyPortal.Data.Seeding;
using LoyaltyPortal.Hosting;

if (args is ["migrate", ..])
{
    return await MigrateCommand.RunAsync(args[1..]);
}

if (args is ["seed", ..])
{
    return await SeedCommand.RunAsync(args[1..]);
}

if (args is ["standings", ..])
{
    return await LoyaltyPortal.Features.Progress.StandingsCommand.RunAsync(args[1..]);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddLoyaltyPortal();

var app = builder.Build();
app.MapLoyaltyPortal();
app.Run();
return 0;

public partial class Program;
