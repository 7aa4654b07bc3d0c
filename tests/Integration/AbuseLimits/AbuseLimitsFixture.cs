using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using netDumbster.smtp;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Security;

namespace OmniaKey.IntegrationTests.AbuseLimits;

/// <summary>
/// The app with deliberately low abuse limits (<see cref="Limits"/>), on a fake clock the tests move, every request
/// arriving from the address a test names (<see cref="TestPeerStartupFilter"/>), e-mail going to a real SMTP server in
/// process, and a password hasher that counts its verifications.
/// </summary>
public sealed class AbuseLimitsFixture() : GatewayFixture(DatabaseKind.Sqlite, fakeClock: true)
{
    public const int SignUpsPerIp = 3;
    public const int SignUpsPerEmail = 2;
    public const int LogInsPerIp = 5;
    public const int LogInsPerEmail = 4;
    public const int LockoutThreshold = 3;
    public const int KeyFailuresPerIp = 3;
    public const int AdminFailuresPerIp = 3;
    public const int WebhooksPerIp = 4;

    private SimpleSmtpServer? smtp;

    public SimpleSmtpServer Smtp => smtp ?? throw new InvalidOperationException("The fixture is not initialised.");

    internal CountingPasswordHasher Passwords { get; } = new();

    public static IReadOnlyDictionary<string, string?> Limits { get; } = new Dictionary<string, string?>
    {
        ["RateLimits:SignUp:PermitsPerHour"] = Text(SignUpsPerIp),
        ["RateLimits:SignUp:PerEmailPermitsPerHour"] = Text(SignUpsPerEmail),
        ["RateLimits:LogIn:PermitsPerMinute"] = Text(LogInsPerIp),
        ["RateLimits:LogIn:PerEmailPermitsPerMinute"] = Text(LogInsPerEmail),
        ["RateLimits:LogIn:LockoutThreshold"] = Text(LockoutThreshold),
        ["RateLimits:LogIn:LockoutMinutes"] = "1,5,15",
        ["RateLimits:ApiKeys:FailuresPerMinute"] = Text(KeyFailuresPerIp),
        ["RateLimits:Admin:FailuresPerMinute"] = Text(AdminFailuresPerIp),
        ["RateLimits:Webhooks:PermitsPerMinute"] = Text(WebhooksPerIp),
    };

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(Limits)
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Text(Smtp.Configuration.Port),
        ["Email:Smtp:UseTls"] = "false",
        ["Email:From"] = "OmniaKey <no-reply@omniakey.test>",
    };

    public override async Task InitializeAsync()
    {
        smtp = Configuration.Configure().WithAddress(System.Net.IPAddress.Loopback).WithRandomPort().Build();
        await base.InitializeAsync();
    }

    public IReadOnlyList<MimeMessage> ReceivedMail() =>
        [.. Smtp.ReceivedEmail.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        smtp?.Dispose();
    }

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter, TestPeerStartupFilter>();
        services.AddSingleton<IPasswordHasher>(Passwords);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The real hasher, counting how often a password is verified.</summary>
internal sealed class CountingPasswordHasher : IPasswordHasher
{
    private readonly IdentityPasswordHasher inner = new();
    private int verifications;

    public int Verifications => Volatile.Read(ref verifications);

    string IPasswordHasher.Hash(string password) => inner.Hash(password);

    bool IPasswordHasher.Verify(string hash, string password)
    {
        Interlocked.Increment(ref verifications);
        return inner.Verify(hash, password);
    }
}
