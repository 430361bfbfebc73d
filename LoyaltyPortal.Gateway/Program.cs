// The gateway in front of several LoyaltyPortal instances. Everything it does is configuration (appsettings.json,
// section ReverseProxy): the instances, sticky sessions, readiness probes and forwarded headers. See the README,
// "Running several instances".
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.MapReverseProxy();
app.Run();
