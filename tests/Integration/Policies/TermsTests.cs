using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Policies.Domain.Acceptances;
using OmniaKey.Modules.Policies.Infrastructure.Acceptances;
using Xunit;

namespace OmniaKey.IntegrationTests.Policies;

/// <summary>Terms versions (publish, list, get, current with the support address), acceptances and the Refund Policy.</summary>
public abstract class TermsTests<TFixture>(TFixture fixture) : PoliciesTestBase<TFixture>(fixture)
    where TFixture : PoliciesFixture
{
    [Fact]
    public async Task Publishes_lists_newest_first_and_serves_a_version()
    {
        var effective = DateTimeOffset.UtcNow.AddDays(30);
        var published = await PublishOkAsync("2027-01-15", effective, material: false);
        Assert.Equal("2027-01-15", published["version"]!.GetValue<string>());
        Assert.False(published["material"]!.GetValue<bool>());
        Assert.Equal($"{PoliciesFixture.PublicBaseUrl}/api/v1/terms/2027-01-15", published["url"]!.GetValue<string>());

        var list = await OkJsonAsync(Admin.GetAsync("/admin/v1/terms"));
        Assert.Equal(["2027-01-15", ApiClientExtensions.TermsVersion], list["data"]!.AsArray().Select(v => v!["version"]!.GetValue<string>()));
        Assert.Null(list["next_cursor"]);

        var version = await OkJsonAsync(Anonymous.GetAsync("/api/v1/terms/2027-01-15"));
        Assert.Equal(effective.ToUnixTimeSeconds(), version["effective_at"]!.GetValue<DateTimeOffset>().ToUnixTimeSeconds());
        Assert.Contains(PoliciesFixture.SupportEmail, version["text"]!.GetValue<string>(), StringComparison.Ordinal);

        // Not in force yet: the current version is still the seeded one.
        var current = await OkJsonAsync(Anonymous.GetAsync("/api/v1/terms/current"));
        Assert.Equal(ApiClientExtensions.TermsVersion, current["version"]!.GetValue<string>());

        using var unknown = await Anonymous.GetAsync("/api/v1/terms/1999-01-01");
        await unknown.AssertStatusAsync(HttpStatusCode.NotFound);
        Assert.Equal("terms_not_found", (await unknown.ReadJsonNodeAsync())["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_taken_version_is_a_conflict_and_invalid_input_names_the_field_and_changes_nothing()
    {
        await PublishOkAsync("2027-02-01", DateTimeOffset.UtcNow.AddDays(10), material: true);
        using (var taken = await PublishAsync("2027-02-01", DateTimeOffset.UtcNow.AddDays(20), material: false))
        {
            await taken.AssertStatusAsync(HttpStatusCode.Conflict);
            Assert.Equal("terms_version_taken", (await taken.ReadJsonNodeAsync())["code"]!.GetValue<string>());
        }

        await AssertInvalidAsync(new { version = "", effective_at = Iso(DateTimeOffset.UtcNow.AddDays(40)), material = false, text = "x" }, "version");
        await AssertInvalidAsync(new { version = new string('9', 33), effective_at = Iso(DateTimeOffset.UtcNow.AddDays(40)), material = false, text = "x" }, "version");
        await AssertInvalidAsync(new { version = "../etc", effective_at = Iso(DateTimeOffset.UtcNow.AddDays(40)), material = false, text = "x" }, "version");
        await AssertInvalidAsync(new { version = "2027-03-01", effective_at = Iso(DateTimeOffset.UtcNow.AddDays(40)), material = false, text = "  " }, "text");
        await AssertInvalidAsync(new { version = "2027-03-01", material = false, text = "x" }, "effective_at");
        await AssertInvalidAsync(new { version = "2027-03-01", effective_at = Iso(DateTimeOffset.UtcNow.AddMinutes(-1)), material = true, text = "x" }, "effective_at");

        // Before the latest version's effective date: it would never be in force.
        await AssertInvalidAsync(new { version = "2027-01-20", effective_at = Iso(DateTimeOffset.UtcNow.AddDays(5)), material = false, text = "x" }, "effective_at");

        var list = await OkJsonAsync(Admin.GetAsync("/admin/v1/terms"));
        Assert.Equal(2, list["data"]!.AsArray().Count);

        using var byCustomer = await Anonymous.PostJsonAsync("/admin/v1/terms", new { version = "2027-04-01", effective_at = Iso(DateTimeOffset.UtcNow.AddDays(50)), material = false, text = "x" });
        await byCustomer.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Current_serves_the_text_with_the_configured_support_address_and_the_refund_policy_is_served()
    {
        var current = await OkJsonAsync(Anonymous.GetAsync("/api/v1/terms/current"));
        Assert.Equal(ApiClientExtensions.TermsVersion, current["version"]!.GetValue<string>());
        Assert.False(current["material"]!.GetValue<bool>());
        Assert.NotNull(current["published_at"]);
        Assert.Equal($"{PoliciesFixture.PublicBaseUrl}/api/v1/terms/{ApiClientExtensions.TermsVersion}", current["url"]!.GetValue<string>());
        var text = current["text"]!.GetValue<string>();
        Assert.Contains("Terms of Service", text, StringComparison.Ordinal);
        Assert.Contains($"Email {PoliciesFixture.SupportEmail}.", text, StringComparison.Ordinal);
        Assert.Contains($"direct contact at {PoliciesFixture.SupportEmail}.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("protected]", text, StringComparison.Ordinal);

        var refunds = await OkJsonAsync(Anonymous.GetAsync("/api/v1/policies/refunds"));
        Assert.Equal("2026-12-07", refunds["version"]!.GetValue<string>());
        Assert.NotNull(refunds["effective_at"]);
        var policy = refunds["text"]!.GetValue<string>();
        Assert.Contains("Refund Policy", policy, StringComparison.Ordinal);
        Assert.Contains("Promotional credit", policy, StringComparison.Ordinal);
        Assert.Contains("whole cent", policy, StringComparison.Ordinal);
        Assert.Contains(PoliciesFixture.SupportEmail, policy, StringComparison.Ordinal);
        Assert.DoesNotContain("protected]", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_support_address_the_text_names_a_placeholder_instead_of_the_artefact()
    {
        var current = await OkJsonAsync(Fixture.AppWithoutEmail.CreateClient().GetAsync("/api/v1/terms/current"));
        var text = current["text"]!.GetValue<string>();
        Assert.Contains("Email OmniaKey support (see the OmniaKey web site).", text, StringComparison.Ordinal);
        Assert.DoesNotContain("protected]", text, StringComparison.Ordinal);
        Assert.Equal($"/api/v1/terms/{ApiClientExtensions.TermsVersion}", current["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Explicit_acceptance_is_recorded_once_and_an_unknown_version_names_the_field()
    {
        var (accountId, token) = await Anonymous.SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        var customer = BearerClient(token);
        await PublishOkAsync("2027-05-01", DateTimeOffset.UtcNow.AddDays(30), material: true);

        var first = await OkJsonAsync(customer.PostJsonAsync("/api/v1/terms/accept", new { version = "2027-05-01" }));
        Assert.Equal("explicit", first["method"]!.GetValue<string>());
        var again = await OkJsonAsync(customer.PostJsonAsync("/api/v1/terms/accept", new { version = "2027-05-01" }));
        Assert.Equal(
            first["accepted_at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds(),
            again["accepted_at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds());

        using (var unknown = await customer.PostJsonAsync("/api/v1/terms/accept", new { version = "2099-01-01" }))
        {
            await unknown.AssertStatusAsync(HttpStatusCode.BadRequest);
            Assert.NotNull((await unknown.ReadJsonNodeAsync())["errors"]!["version"]);
        }

        using (var anonymous = await Anonymous.PostJsonAsync("/api/v1/terms/accept", new { version = "2027-05-01" }))
        {
            await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
        }

        var acceptances = await AcceptancesAsync(accountId);
        Assert.Equal(2, acceptances.Count);
        Assert.Contains(acceptances, a => a.Version == ApiClientExtensions.TermsVersion && a.Method == AcceptanceMethod.SignUp);
        var explicitOne = Assert.Single(acceptances, a => a.Version == "2027-05-01");
        Assert.Equal(AcceptanceMethod.Explicit, explicitOne.Method);
    }

    [Fact]
    public async Task Sign_up_accepts_a_published_future_version_and_refuses_an_unknown_one()
    {
        await PublishOkAsync("2027-06-01", DateTimeOffset.UtcNow.AddDays(30), material: true);
        var email = ApiClientExtensions.NewEmail();
        var signUp = new { email, password = ApiClientExtensions.DefaultPassword, country = "US", terms_version = "2027-06-01", eligibility_confirmed = true };
        var created = await OkJsonAsync(Anonymous.PostJsonAsync("/api/v1/auth/signup", signUp), HttpStatusCode.Created);
        var accountId = Guid.Parse(created["id"]!.GetValue<string>());
        var acceptance = Assert.Single(await AcceptancesAsync(accountId));
        Assert.Equal(("2027-06-01", AcceptanceMethod.SignUp), (acceptance.Version, acceptance.Method));

        using var unknown = await Anonymous.PostJsonAsync("/api/v1/auth/signup", signUp with { email = ApiClientExtensions.NewEmail(), terms_version = "2099-01-01" });
        await unknown.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.NotNull((await unknown.ReadJsonNodeAsync())["errors"]!["terms_version"]);
    }

    [Fact]
    public async Task Continued_use_after_the_effective_date_is_recorded_once_without_a_write_per_call()
    {
        var (accountId, token) = await Anonymous.SignUpAndLogInAsync(ApiClientExtensions.NewEmail());
        var key = await BearerClient(token).CreateApiKeyAsync("terms");
        var api = BearerClient(key);
        var observer = Fixture.App.Services.GetRequiredService<TermsUsageObserver>();
        var queuedBefore = observer.Queued;

        // A minor revision in force from now on: the account has not accepted it.
        await PublishOkAsync("2026-12-07.1", DateTimeOffset.UtcNow.AddSeconds(-1), material: false);
        for (var i = 0; i < 20; i++)
        {
            using var models = await api.GetAsync("/v1/models");
            await models.AssertStatusAsync(HttpStatusCode.OK);
        }

        var recorded = await PollAsync(async () => (await AcceptancesAsync(accountId)).SingleOrDefault(a => a.Version == "2026-12-07.1"));
        Assert.Equal(AcceptanceMethod.ContinuedUse, recorded.Method);

        // More calls add nothing: the process remembers the account, and the write is idempotent anyway.
        for (var i = 0; i < 20; i++)
        {
            using var models = await api.GetAsync("/v1/models");
            await models.AssertStatusAsync(HttpStatusCode.OK);
        }

        // Forty calls queued one write in all (the first after the version took effect): no write per call.
        Assert.Equal(queuedBefore + 1, observer.Queued);
        var acceptances = await AcceptancesAsync(accountId);
        Assert.Equal(2, acceptances.Count); // the sign-up's and the continued use's
        Assert.Single(acceptances, a => a.Version == "2026-12-07.1");

        // The version it signed up with was already accepted: no continued-use row for it.
        Assert.Equal(AcceptanceMethod.SignUp, Assert.Single(acceptances, a => a.Version == ApiClientExtensions.TermsVersion).Method);
    }

    private async Task AssertInvalidAsync(object body, string field)
    {
        using var response = await Admin.PostJsonAsync("/admin/v1/terms", body);
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var errors = (await response.ReadJsonNodeAsync())["errors"] as JsonObject;
        Assert.True(errors?.ContainsKey(field), $"expected an error for {field}, got {errors?.ToJsonString()}");
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("The expected row did not appear within 5 seconds.");
    }
}

public sealed class SqliteTermsTests(SqlitePoliciesFixture fixture)
    : TermsTests<SqlitePoliciesFixture>(fixture), IClassFixture<SqlitePoliciesFixture>;

public sealed class PostgresTermsTests(PostgresPoliciesFixture fixture)
    : TermsTests<PostgresPoliciesFixture>(fixture), IClassFixture<PostgresPoliciesFixture>;
