using System.Globalization;

namespace OmniaKey.LoadTest;

/// <summary>
/// One OmniaKey target from a fresh database to the ledger check: a first process migrates the database and funds a
/// customer (sign-up, login, admin credit, key); it is stopped and a second process is started on the same database,
/// timed from its start to its first answered chat completion, and measured; then the ledger must reconcile, no hold
/// may be left, and the balance must have gone down by the list price of every answered call.
/// </summary>
internal sealed class OmniaKeyTarget(HttpClient http, Scenarios scenarios, string logDirectory)
{
    public async Task<(TargetResult Result, List<Check> Checks)> RunAsync(DatabaseChoice database, string upstreamBaseUrl, string dataDirectory)
    {
        var result = new TargetResult(database.Key, database.Label);
        var adminToken = "bench-" + Guid.NewGuid().ToString("N");
        FundedKey funded;
        await using (var setup = OmniaKeyServer.Start($"omniakey-{database.Key}-setup", database, upstreamBaseUrl, dataDirectory, adminToken, logDirectory))
        {
            result.FirstStartupMs = (await setup.WaitUntilAnsweredAsync(ct => Probe.IsOkAsync(http, HttpMethod.Get, new Uri(setup.BaseAddress, "/health/live"), null, ct), TimeSpan.FromSeconds(120))).TotalMilliseconds;
            funded = await new OmniaKeyApi(http, setup.BaseAddress, adminToken).CreateFundedKeyAsync("1000");
        }

        await using var gateway = OmniaKeyServer.Start($"omniakey-{database.Key}", database, upstreamBaseUrl, dataDirectory, adminToken, logDirectory);
        var chat = new Uri(gateway.BaseAddress, "/v1/chat/completions");
        result.StartupMs = (await gateway.WaitUntilAnsweredAsync(ct => Probe.IsOkAsync(http, HttpMethod.Post, chat, funded.ApiKey, ct), TimeSpan.FromSeconds(60))).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{DateTime.UtcNow:HH:mm:ss}] {database.Label}: pid {gateway.Pid}, first start (migrations) {result.FirstStartupMs:F0} ms, restart to first answered call {result.StartupMs:F0} ms"));

        var api = new OmniaKeyApi(http, gateway.BaseAddress, adminToken);
        var callPrice = await PriceOfAsync(api, () => Probe.IsOkAsync(http, HttpMethod.Post, chat, funded.ApiKey, CancellationToken.None));
        var streamPrice = await PriceOfAsync(api, async () => (await StreamClient.OneAsync(http, chat, funded.ApiKey, Scenarios.StreamBody, CancellationToken.None)).Ok);
        var before = (await api.ReconcileWhenSettledAsync(TimeSpan.FromSeconds(10))).AvailableUsd;

        await scenarios.RunAsync(new Target(database.Key, database.Label, chat, funded.ApiKey, gateway), result);

        var after = await api.ReconcileWhenSettledAsync(TimeSpan.FromSeconds(15));
        result.PeakRssMiB = gateway.PeakRssMiB;
        return (result, Checks(database.Label, after, before - after.AvailableUsd, result.Tally, callPrice, streamPrice));
    }

    /// <summary>The ledger checks after a run; also used by the soak.</summary>
    public static List<Check> LedgerChecks(string label, Reconciliation after) =>
    [
        new($"{label}: the ledger reconciles", after.UnbalancedAccounts == 0,
            $"GET /admin/v1/billing/reconciliation: {after.CheckedAccounts} accounts checked, {after.UnbalancedAccounts} unbalanced"),
        new($"{label}: no hold left", after.ReservedUsd == 0, $"reserved {after.ReservedUsd.ToString(CultureInfo.InvariantCulture)} USD"),
    ];

    private static List<Check> Checks(string label, Reconciliation after, decimal spent, CallTally tally, decimal callPrice, decimal streamPrice)
    {
        var low = (tally.AnsweredCalls * callPrice) + (tally.AnsweredStreams * streamPrice);
        var high = low + (tally.UnsureCalls * callPrice) + (tally.UnsureStreams * streamPrice);
        var checks = LedgerChecks(label, after);
        checks.Add(new Check(
            $"{label}: billing on, every answered call charged its list price",
            callPrice > 0 && spent >= low && spent <= high,
            string.Create(CultureInfo.InvariantCulture,
                $"spent {spent} USD for {tally.AnsweredCalls} calls at {callPrice} and {tally.AnsweredStreams} streams at {streamPrice}; expected {low} to {high} (the upper end counts {tally.UnsureCalls} calls and {tally.UnsureStreams} streams in flight when a run ended)")));
        return checks;
    }

    /// <summary>What one call costs the customer: the available balance before and after it, once settled.</summary>
    private static async Task<decimal> PriceOfAsync(OmniaKeyApi api, Func<Task<bool>> call)
    {
        var before = (await api.ReconcileWhenSettledAsync(TimeSpan.FromSeconds(10))).AvailableUsd;
        if (!await call())
        {
            throw new InvalidOperationException("A priced probe call through OmniaKey failed.");
        }

        return before - (await api.ReconcileWhenSettledAsync(TimeSpan.FromSeconds(10))).AvailableUsd;
    }
}
