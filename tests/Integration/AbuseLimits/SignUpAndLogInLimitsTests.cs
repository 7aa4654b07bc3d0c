using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;
using OmniaKey.Modules.Accounts.Infrastructure.Jobs;
using Xunit;
using static OmniaKey.IntegrationTests.AbuseLimits.AbuseLimitsFixture;

namespace OmniaKey.IntegrationTests.AbuseLimits;

public sealed class SignUpAndLogInLimitsTests(AbuseLimitsFixture fixture) : AbuseLimitsTestBase(fixture)
{
    [Fact]
    public async Task Sign_up_allows_its_permits_per_ip_then_answers_429_while_another_ip_still_signs_up()
    {
        var ip = NewIp();
        for (var i = 0; i < SignUpsPerIp; i++)
        {
            using var allowed = await SignUpAsync(ApiClientExtensions.NewEmail(), ip);
            await allowed.AssertStatusAsync(HttpStatusCode.Created);
        }

        using var refused = await SignUpAsync(ApiClientExtensions.NewEmail(), ip);
        var (retryAfter, body) = await AssertTooManyAsync(refused);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Equal(429, body["status"]!.GetValue<int>());
        Assert.NotNull(body["request_id"]);

        using var elsewhere = await SignUpAsync(ApiClientExtensions.NewEmail(), NewIp());
        await elsewhere.AssertStatusAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Sign_up_of_one_address_is_limited_whatever_the_ip()
    {
        var email = ApiClientExtensions.NewEmail();
        for (var i = 0; i < SignUpsPerEmail; i++)
        {
            using var allowed = await SignUpAsync(email, NewIp());
            await allowed.AssertStatusAsync(HttpStatusCode.Created);
        }

        using var refused = await SignUpAsync(email, NewIp());
        await AssertTooManyAsync(refused);
    }

    [Fact]
    public async Task A_taken_address_gets_the_answer_of_a_fresh_sign_up_nothing_is_created_and_the_owner_is_emailed()
    {
        var email = ApiClientExtensions.NewEmail("owner");
        using var first = await SignUpAsync(email, NewIp());
        await first.AssertStatusAsync(HttpStatusCode.Created);
        var original = await first.ReadJsonNodeAsync();

        using var second = await SignUpAsync(email.ToUpperInvariant(), NewIp(), password: "another long password");

        await second.AssertStatusAsync(HttpStatusCode.Created);
        var answer = await second.ReadJsonNodeAsync();
        Assert.Equal(["email", "id"], answer.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(email, answer["email"]!.GetValue<string>());
        Assert.NotEqual(original["id"]!.GetValue<Guid>(), answer["id"]!.GetValue<Guid>());
        Assert.Equal(7, answer["id"]!.GetValue<Guid>().Version);
        Assert.Equal($"/api/v1/accounts/{answer["id"]}", second.Headers.Location?.ToString());

        // Still one account, and its password is the first one.
        using var found = await Fixture.App.CreateAdminClient().GetAsync($"/admin/v1/accounts?email={Uri.EscapeDataString(email)}");
        Assert.Single((await found.ReadJsonNodeAsync())["data"]!.AsArray());
        using var logIn = await LogInAsync(email, NewIp());
        await logIn.AssertStatusAsync(HttpStatusCode.OK);

        // The owner hears of it: one notice job for the address, which e-mails it.
        var storage = Fixture.App.Services.GetService<JobStorage>() ?? JobStorage.Current;
        var job = Assert.Single(
            storage.GetMonitoringApi().EnqueuedJobs("default", 0, 10_000),
            j => j.Value.Job.Type == typeof(SignUpAttemptNoticeJob) && (string)j.Value.Job.Args[0] == email);
        Assert.NotNull(job.Value);
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            await ActivatorUtilities.CreateInstance<SignUpAttemptNoticeJob>(scope.ServiceProvider).RunAsync(email, CancellationToken.None);
        }

        // The first sign-up also sent the address its verification e-mail; the notice is the only other one.
        var mail = Assert.Single(
            Fixture.ReceivedMail(),
            m => m.To.ToString().Contains(email, StringComparison.Ordinal) && m.Subject == NotifySignUpAttemptCommandHandler.Subject);
        Assert.DoesNotContain("another long password", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Log_in_allows_its_permits_per_ip_then_answers_429_while_another_ip_still_logs_in()
    {
        var email = ApiClientExtensions.NewEmail();
        await NewCustomerAsync(email);
        var ip = NewIp();
        for (var i = 0; i < LogInsPerIp; i++)
        {
            // Unknown addresses, each once: neither the per-e-mail limit nor a lock-out is reached.
            using var allowed = await LogInAsync(ApiClientExtensions.NewEmail(), ip);
            await allowed.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        using var refused = await LogInAsync(email, ip);
        var (retryAfter, _) = await AssertTooManyAsync(refused);
        Assert.InRange(retryAfter, 1, 60);

        using var elsewhere = await LogInAsync(email, NewIp());
        await elsewhere.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Log_in_to_one_address_is_limited_per_minute_whatever_the_ip()
    {
        var email = ApiClientExtensions.NewEmail();
        await NewCustomerAsync(email); // one log-in
        for (var i = 1; i < LogInsPerEmail; i++)
        {
            using var allowed = await LogInAsync(email, NewIp());
            await allowed.AssertStatusAsync(HttpStatusCode.OK);
        }

        using var refused = await LogInAsync(email, NewIp());
        var (retryAfter, _) = await AssertTooManyAsync(refused);
        Assert.InRange(retryAfter, 1, 60);

        Fixture.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        using var later = await LogInAsync(email, NewIp());
        await later.AssertStatusAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_unknown_address_and_a_wrong_password_get_the_same_answer_after_the_same_verification()
    {
        var email = ApiClientExtensions.NewEmail();
        await NewCustomerAsync(email);

        var before = Fixture.Passwords.Verifications;
        using var unknown = await LogInAsync(ApiClientExtensions.NewEmail("nobody"), NewIp(), "a wrong password");
        var afterUnknown = Fixture.Passwords.Verifications;
        using var wrong = await LogInAsync(email, NewIp(), "a wrong password");
        var afterWrong = Fixture.Passwords.Verifications;

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknownBody = (await unknown.ReadJsonNodeAsync()).AsObject();
        var wrongBody = (await wrong.ReadJsonNodeAsync()).AsObject();
        unknownBody.Remove("request_id");
        wrongBody.Remove("request_id");
        unknownBody.Remove("trace_id");
        wrongBody.Remove("trace_id");
        Assert.Equal(wrongBody.ToJsonString(), unknownBody.ToJsonString());
        Assert.Equal("invalid_credentials", unknownBody["code"]!.GetValue<string>());

        // The unknown address cost one slow verification (against the dummy hash), like the known one.
        Assert.Equal(1, afterUnknown - before);
        Assert.Equal(1, afterWrong - afterUnknown);
    }
}
