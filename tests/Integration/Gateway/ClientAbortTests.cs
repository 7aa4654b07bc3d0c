using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OmniaKey.IntegrationTests.AbuseLimits;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>The gateway on a real loopback socket, with every Warning and Error captured, and Kestrel's request log.</summary>
public sealed class ClientAbortFixture() : GatewayFixture(DatabaseKind.Sqlite)
{
    public CapturingLoggerProvider Logs { get; } = new();

    protected override bool ServeOverKestrel => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
    };

    protected override void ConfigureTestServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(Logs);
}

/// <summary>
/// A client that goes away in the middle of its request body (a load generator stopping, a dropped connection) has
/// ended its request: nothing is answered, nothing is charged, and nothing is logged as an error.
/// </summary>
public sealed class ClientAbortTests(ClientAbortFixture fixture) : GatewayTestBase<ClientAbortFixture>(fixture), IClassFixture<ClientAbortFixture>
{
    [Fact]
    public async Task A_body_cut_short_by_the_client_is_an_aborted_request_not_an_error()
    {
        await Admin.CreditAsync(AccountId, "5");
        var before = await AvailableAsync();
        Fixture.Logs.Clear();

        var address = new Uri(Fixture.App.ServerAddress);
        const int Clients = 40;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => CutShortAsync(address)));

        // Kestrel logs the end of every request; waiting for it is waiting for the server to be done with them.
        var finished = await WaitForAsync(entries => entries.Count(entry => entry.Contains("Request finished", StringComparison.Ordinal)
            && entry.Contains("/v1/chat/completions", StringComparison.Ordinal)) == Clients);
        Assert.True(finished, "the server never finished the requests");

        var errors = Fixture.Logs.Entries.Where(entry => entry.Contains("[Error]", StringComparison.Ordinal) || entry.Contains("[Critical]", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "logged as an error: " + string.Join("\n", errors));
        Assert.Equal(before, await AvailableAsync());
    }

    /// <summary>Sends the head and part of the body, then resets the connection, as a load generator stopping does.</summary>
    private async Task CutShortAsync(Uri address)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        const string partOfTheBody = """{"model":"gpt-4o","messages":[{"role":"user","content":"hel""";
        var head = $"POST /v1/chat/completions HTTP/1.1\r\nHost: {address.Authority}\r\nAuthorization: Bearer {ApiKey}\r\n"
            + $"Content-Type: application/json\r\nContent-Length: {partOfTheBody.Length + 100}\r\n\r\n{partOfTheBody}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.FlushAsync();
        await Task.Delay(Random.Shared.Next(0, 20));
        client.Client.LingerState = new LingerOption(true, 0); // closing now sends a reset
        client.Close();
    }

    private async Task<bool> WaitForAsync(Func<IReadOnlyList<string>, bool> done)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (done(Fixture.Logs.Entries))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return false;
    }
}
