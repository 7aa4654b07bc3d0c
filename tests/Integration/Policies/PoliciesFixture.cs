using System.Text;
using MimeKit;
using netDumbster.smtp;
using OmniaKey.IntegrationTests.Infrastructure;

namespace OmniaKey.IntegrationTests.Policies;

/// <summary>
/// The gateway fixture with a real SMTP server in process (netDumbster on a free loopback port) behind a proxy that
/// tests can break mid-batch, e-mail configured to go through it (plain SMTP, batches of <see cref="BatchSize"/>), a
/// support address and a public base URL — and a second instance on the same database with none of these configured.
/// </summary>
public abstract class PoliciesFixture(DatabaseKind databaseKind) : GatewayFixture(databaseKind)
{
    public const string SupportEmail = "help@omniakey.test";
    public const string PublicBaseUrl = "https://omniakey.test";
    public const int BatchSize = 2;

    private SimpleSmtpServer? smtp;
    private SmtpBreakingProxy? proxy;
    private OmniaKeyAppFactory? withoutEmail;

    public SimpleSmtpServer Smtp => smtp ?? throw new InvalidOperationException("The fixture is not initialised.");

    public SmtpBreakingProxy SmtpProxy => proxy ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>A second instance on the same database without <c>Email:*</c>, <c>Support:Email</c> or a public base URL.</summary>
    public OmniaKeyAppFactory AppWithoutEmail => withoutEmail ?? throw new InvalidOperationException("The fixture is not initialised.");

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = SmtpProxy.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:UseTls"] = "false",
        ["Email:From"] = "OmniaKey <no-reply@omniakey.test>",
        ["Support:Email"] = SupportEmail,
        ["Policies:PublicBaseUrl"] = PublicBaseUrl,
        ["Policies:Notices:BatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        smtp = Configuration.Configure().WithAddress(System.Net.IPAddress.Loopback).WithRandomPort().Build();
        proxy = new SmtpBreakingProxy(smtp.Configuration.Port);
        proxy.Start();
        await base.InitializeAsync();
        withoutEmail = new OmniaKeyAppFactory(
            App.Kind,
            Upstream.BaseUrl,
            Upstream.ApiKey,
            new Dictionary<string, string?> { ["Email:Smtp:Host"] = "", ["Email:From"] = "", ["Support:Email"] = "", ["Policies:PublicBaseUrl"] = "" },
            shareDatabaseOf: App);
        await withoutEmail.InitializeAsync();
    }

    /// <summary>Forgets the mail received and lets the proxy pass everything.</summary>
    public void ResetMail()
    {
        SmtpProxy.Heal();
        Smtp.ClearReceivedEmail();
    }

    /// <summary>The messages the SMTP server accepted, parsed.</summary>
    public IReadOnlyList<MimeMessage> ReceivedMail() =>
        [.. Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    public override async Task DisposeAsync()
    {
        if (withoutEmail is not null)
        {
            await withoutEmail.DisposeAsync();
        }

        await base.DisposeAsync();
        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        smtp?.Dispose();
    }
}

public sealed class SqlitePoliciesFixture() : PoliciesFixture(DatabaseKind.Sqlite);

public sealed class PostgresPoliciesFixture() : PoliciesFixture(DatabaseKind.Postgres);
