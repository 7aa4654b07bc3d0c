using Xunit;

namespace OmniaKey.UnitTests.Support;

/// <summary>Gives every test its own <see cref="ModuleTestHost"/>: a fresh in-memory database, nothing shared.</summary>
public abstract class ModuleTestBase : IAsyncLifetime
{
    private ModuleTestHost? _host;

    internal ModuleTestHost Host => _host ?? throw new InvalidOperationException("The host starts in InitializeAsync.");

    public async Task InitializeAsync() => _host = await ModuleTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
