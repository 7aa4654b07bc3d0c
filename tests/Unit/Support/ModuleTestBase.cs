using Xunit;

namespace OmniaKey.UnitTests.Support;

/// <summary>Gives every test its own <see cref="ModuleTestHost"/>: a fresh in-memory database, nothing shared.</summary>
public abstract class ModuleTestBase : IAsyncLifetime
{
    private ModuleTestHost? host;

    internal ModuleTestHost Host => host ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    public async Task InitializeAsync() => host = await ModuleTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }
}
