using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Deployment;

/// <summary>
/// One app as Production sees it (any environment but Development: the tests' "Testing") and the same app in
/// Development, on SQLite; no upstream is called.
/// </summary>
public sealed class HardeningFixture : IAsyncLifetime
{
    public OmniaKeyAppFactory App { get; } = new(DatabaseKind.Sqlite, "http://127.0.0.1:9/v1", "sk-unused");

    public WebApplicationFactory<Program> Development { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await App.InitializeAsync();
        Development = App.WithWebHostBuilder(builder => builder.UseEnvironment("Development"));
        _ = Development.Services;
    }

    public async Task DisposeAsync()
    {
        await Development.DisposeAsync();
        await App.DisposeAsync();
    }
}
