using OmniaKey.Api;

var builder = WebApplication.CreateBuilder(args);

// No "Server: Kestrel" on every response: it tells a caller nothing it needs (docs/adr/0022).
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddOmniaKey(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseOmniaKey();
await app.RunAsync();

/// <summary>Entry point, public so that integration tests can host the application.</summary>
public partial class Program;
