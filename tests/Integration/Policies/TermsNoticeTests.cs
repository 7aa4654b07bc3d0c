using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Modules.Policies.Infrastructure.Jobs;
using Xunit;

namespace OmniaKey.IntegrationTests.Policies;

/// <summary>
/// The job <c>policies.send-terms-notices</c> against a real SMTP server: exactly the accounts with a positive balance
/// are e-mailed, once each — when the job runs twice, when SMTP breaks mid-batch and the job is retried, and when
/// e-mail was not configured at first.
/// </summary>
public abstract class TermsNoticeTests<TFixture>(TFixture fixture) : PoliciesTestBase<TFixture>(fixture)
    where TFixture : PoliciesFixture
{
    private const string Version = "2027-03-01";

    [Fact]
    public async Task Publishing_a_material_version_enqueues_the_job_and_a_minor_one_does_not()
    {
        var before = EnqueuedNoticeJobs();
        await PublishOkAsync("2027-02-01", DateTimeOffset.UtcNow.AddDays(10), material: false);
        Assert.Equal(before, EnqueuedNoticeJobs());
        await PublishOkAsync(Version, DateTimeOffset.UtcNow.AddDays(30), material: true);
        Assert.Equal(before + 1, EnqueuedNoticeJobs());
    }

    [Fact]
    public async Task Exactly_the_accounts_with_a_positive_balance_get_the_notice_once_even_when_the_job_runs_twice()
    {
        var funded = await FundedAccountsAsync(3);
        var (zero, zeroEmail) = await AccountAsync(creditUsd: null);
        var (terminated, terminatedEmail) = await AccountAsync(creditUsd: "4");
        await TerminateAsync(terminated);
        var effective = DateTimeOffset.UtcNow.AddDays(30);
        await PublishOkAsync(Version, effective, material: true);

        await RunNoticesJobAsync();
        await RunNoticesJobAsync();

        var recipients = Recipients();
        Assert.Equal(funded.Select(a => a.Email).Order(), recipients.Order());
        Assert.DoesNotContain(zeroEmail, recipients);
        Assert.DoesNotContain(terminatedEmail, recipients);
        Assert.DoesNotContain((await NoticesAsync()).Select(n => n.AccountId), id => id == zero || id == terminated);
        Assert.All(await NoticesAsync(), n => Assert.NotNull(n.SentAt));

        var message = Fixture.ReceivedMail()[0];
        Assert.Contains(Version, message.Subject, StringComparison.Ordinal);
        var day = effective.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var link = $"{PoliciesFixture.PublicBaseUrl}/api/v1/terms/{Version}";
        foreach (var body in new[] { message.TextBody, message.HtmlBody })
        {
            Assert.NotNull(body);
            Assert.Contains(Version, body, StringComparison.Ordinal);
            Assert.Contains(day, body, StringComparison.Ordinal);
            Assert.Contains(link, body, StringComparison.Ordinal);
            Assert.Contains(PoliciesFixture.SupportEmail, body, StringComparison.Ordinal);
        }

        Assert.Equal("no-reply@omniakey.test", message.From.Mailboxes.Single().Address);

        // A new funded account after the notices were prepared is not e-mailed about a change announced before it existed.
        await AccountAsync(creditUsd: "1");
        await RunNoticesJobAsync();
        Assert.Equal(3, Recipients().Count);
    }

    [Fact]
    public async Task An_smtp_failure_mid_batch_fails_the_job_and_the_retry_sends_only_the_rest()
    {
        var funded = await FundedAccountsAsync(5);
        await PublishOkAsync(Version, DateTimeOffset.UtcNow.AddDays(30), material: true);

        // Batches of two: the first batch goes through, the second breaks after its first message.
        Fixture.SmtpProxy.BreakAfter(3);
        await Assert.ThrowsAnyAsync<Exception>(RunNoticesJobAsync);
        Assert.Equal(3, Recipients().Count);
        Assert.Equal(3, (await NoticesAsync()).Count(n => n.SentAt is not null));
        Assert.All(await NoticesAsync(), n => Assert.Null(n.ClaimToken));

        // Hangfire's retry while the relay is still down sends nothing and fails again.
        Fixture.SmtpProxy.BreakAfter(0);
        await Assert.ThrowsAnyAsync<Exception>(RunNoticesJobAsync);
        Assert.Equal(3, Recipients().Count);

        Fixture.SmtpProxy.Heal();
        await RunNoticesJobAsync();
        await RunNoticesJobAsync();
        var recipients = Recipients();
        Assert.Equal(funded.Select(a => a.Email).Order(), recipients.Order());
        Assert.All(await NoticesAsync(), n => Assert.NotNull(n.SentAt));
    }

    [Fact]
    public async Task Without_email_configured_the_notices_stay_pending_and_are_sent_once_when_it_is()
    {
        var funded = await FundedAccountsAsync(3);
        await PublishOkAsync(Version, DateTimeOffset.UtcNow.AddDays(30), material: true);

        await RunNoticesJobAsync(Fixture.AppWithoutEmail);
        Assert.Empty(Recipients());
        var pending = await NoticesAsync();
        Assert.Equal(3, pending.Count);
        Assert.All(pending, n => Assert.Null(n.SentAt));

        // The instance with e-mail (or this one, once configured) finds them on its next run.
        await RunNoticesJobAsync();
        await RunNoticesJobAsync(Fixture.AppWithoutEmail);
        await RunNoticesJobAsync();
        Assert.Equal(funded.Select(a => a.Email).Order(), Recipients().Order());
    }

    [Fact]
    public async Task The_job_with_nothing_to_do_sends_nothing()
    {
        await FundedAccountsAsync(2);
        await PublishOkAsync("2027-02-01", DateTimeOffset.UtcNow.AddDays(10), material: false);
        await RunNoticesJobAsync();
        Assert.Empty(Recipients());
        Assert.Empty(await NoticesAsync());
    }

    private async Task<List<(Guid Id, string Email)>> FundedAccountsAsync(int count)
    {
        var accounts = new List<(Guid Id, string Email)>();
        for (var i = 0; i < count; i++)
        {
            accounts.Add(await AccountAsync(creditUsd: "2.5"));
        }

        return accounts;
    }

    private int EnqueuedNoticeJobs()
    {
        var monitoring = (Fixture.App.Services.GetService<JobStorage>() ?? JobStorage.Current).GetMonitoringApi();
        return monitoring.EnqueuedJobs("default", 0, 10_000)
            .Count(j => j.Value.Job.Type == typeof(SendTermsNoticesJob));
    }
}

public sealed class SqliteTermsNoticeTests(SqlitePoliciesFixture fixture)
    : TermsNoticeTests<SqlitePoliciesFixture>(fixture), IClassFixture<SqlitePoliciesFixture>;

public sealed class PostgresTermsNoticeTests(PostgresPoliciesFixture fixture)
    : TermsNoticeTests<PostgresPoliciesFixture>(fixture), IClassFixture<PostgresPoliciesFixture>;
