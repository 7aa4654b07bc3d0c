using OmniaKey.Api;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOmniaKey(builder.Configuration, builder.Environment);

var app = builder.Build();
app.UseOmniaKey();
await app.RunAsync();

/// <summary>Entry point, public so that integration tests can host the application.</summary>
public partial class Program;
