using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Messaging;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Contracts;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// The billing fixture with refunds that give up after three attempts (so final failure is reachable in a test),
/// operator approval or auto-approval, and a recorder of Accounts' termination events.
/// </summary>
public abstract class RefundFixture(DatabaseKind kind, bool autoApprove = false, int maxAttempts = RefundFixture.MaxAttempts, bool fakeClock = false)
    : BillingFixture(kind, fakeClock)
{
    public const int MaxAttempts = 3;

    public RecordedTerminations Terminations { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["Billing:Refunds:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Billing:Refunds:AutoApprove"] = autoApprove ? "true" : "false",
    };

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        base.ConfigureTestServices(services);
        services.AddSingleton<IIntegrationEventHandler<AccountTerminatedIntegrationEvent>>(Terminations);
    }
}

public sealed class SqliteRefundFixture() : RefundFixture(DatabaseKind.Sqlite);

public sealed class PostgresRefundFixture() : RefundFixture(DatabaseKind.Postgres);

/// <summary>Refunds with the default eight attempts on a fake clock that only the tests move: retries run on time.</summary>
public sealed class SqliteTimedRefundFixture() : RefundFixture(DatabaseKind.Sqlite, maxAttempts: 8, fakeClock: true);

public sealed class PostgresTimedRefundFixture() : RefundFixture(DatabaseKind.Postgres, maxAttempts: 8, fakeClock: true);

public sealed class SqliteAutoApprovedRefundFixture() : RefundFixture(DatabaseKind.Sqlite, autoApprove: true);

public sealed class PostgresAutoApprovedRefundFixture() : RefundFixture(DatabaseKind.Postgres, autoApprove: true);

/// <summary>Stands in for another subscriber of <see cref="AccountTerminatedIntegrationEvent"/>, remembering what it saw.</summary>
public sealed class RecordedTerminations : IIntegrationEventHandler<AccountTerminatedIntegrationEvent>
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<AccountTerminatedIntegrationEvent> events = new();

    public IReadOnlyList<AccountTerminatedIntegrationEvent> Events => [.. events];

    public void Clear() => events.Clear();

    public Task HandleAsync(AccountTerminatedIntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        events.Enqueue(integrationEvent);
        return Task.CompletedTask;
    }
}
