using System.Net;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance;

/// <summary>
/// The Restricted Territory at sign-up, log-in and checkout: the client IP (forwarded by a trusted proxy, resolved by a
/// real MaxMind-format database) or the declared country naming CN is refused with 403 and nothing is created; HK, MO and TW pass; every decision is in
/// the decision log with its signal and evidence. On each database.
/// </summary>
public abstract class TerritoryDecisionTests<TFixture>(TFixture fixture) : ComplianceTestBase<TFixture>(fixture)
    where TFixture : ComplianceFixture
{
    [Fact]
    public async Task Sign_up_from_a_mainland_IP_is_refused_creates_nothing_and_is_logged()
    {
        var email = ApiClientExtensions.NewEmail("cn");

        using (var response = await SignUpFromAsync(ComplianceFixture.MainlandIp, email))
        {
            await AssertDeniedProblemAsync(response);
        }

        Assert.Empty(await AccountsByEmailAsync(email));
        var denial = Assert.Single(await DecisionsAsync("outcome=deny"));
        Assert.Equal(("signup", "deny", "CN", "ip_country"), Summary(denial));
        Assert.Equal((ComplianceFixture.MainlandIp, "CN", "US"), (Evidence(denial, "ip"), Evidence(denial, "ip_country"), Evidence(denial, "declared_country")));
        Assert.Null(denial["account_id"]?.GetValue<string>());
    }

    [Fact]
    public async Task Sign_up_declaring_CN_is_refused_even_from_an_allowed_IP()
    {
        var email = ApiClientExtensions.NewEmail("declared");

        using (var response = await SignUpFromAsync(ComplianceFixture.GermanyIp, email, country: "CN"))
        {
            await AssertDeniedProblemAsync(response);
        }

        Assert.Empty(await AccountsByEmailAsync(email));
        var denial = Assert.Single(await DecisionsAsync("surface=signup&outcome=deny"));
        Assert.Equal(("signup", "deny", "CN", "declared_country"), Summary(denial));
        Assert.Equal(("CN", "DE"), (Evidence(denial, "declared_country"), Evidence(denial, "ip_country")));
    }

    [Fact]
    public async Task Hong_Kong_Macao_and_Taiwan_are_allowed_at_sign_up_log_in_and_checkout_by_IP_and_by_declaration()
    {
        foreach (var (country, ip) in ComplianceFixture.NotRestricted)
        {
            var email = ApiClientExtensions.NewEmail(country.ToLowerInvariant());
            Guid accountId;
            using (var signUp = await SignUpFromAsync(ip, email, country: country))
            {
                await signUp.AssertStatusAsync(HttpStatusCode.Created);
                accountId = Guid.Parse(Text(await signUp.ReadJsonNodeAsync(), "id"));
            }

            string token;
            using (var logIn = await LogInFromAsync(ip, email))
            {
                await logIn.AssertStatusAsync(HttpStatusCode.OK);
                token = Text(await logIn.ReadJsonNodeAsync(), "access_token");
            }

            using (var checkout = await SendFromAsync(Fixture.App.CreateBearerClient(token), ip, HttpMethod.Post, "/api/v1/billing/checkout", new { amount_usd = "10" }))
            {
                await checkout.AssertStatusAsync(HttpStatusCode.Created);
            }

            var decisions = await DecisionsAsync($"account_id={accountId}");
            Assert.Equal(
                [("checkout", "allow", country, "ip_country"), ("login", "allow", country, "ip_country"), ("signup", "allow", country, "ip_country")],
                decisions.Select(Summary).ToList());
            Assert.All(decisions, d => Assert.Equal((ip, country), (Evidence(d, "ip"), Evidence(d, "ip_country"))));
            Assert.Equal(country, Evidence(decisions[^1], "declared_country"));
        }

        Assert.Empty(await DecisionsAsync("outcome=deny"));
    }

    [Fact]
    public async Task Log_in_from_a_mainland_IP_is_refused_without_a_token_and_logged_with_the_account()
    {
        var email = ApiClientExtensions.NewEmail("traveller");
        using (var signUp = await SignUpFromAsync(ComplianceFixture.GermanyIp, email))
        {
            await signUp.AssertStatusAsync(HttpStatusCode.Created);
        }

        using (var logIn = await LogInFromAsync(ComplianceFixture.MainlandIp, email))
        {
            await AssertDeniedProblemAsync(logIn);
            Assert.Null((await logIn.ReadJsonNodeAsync())["access_token"]);
        }

        var accountId = Guid.Parse(Text(Assert.Single(await AccountsByEmailAsync(email))!, "id"));
        var denial = Assert.Single(await DecisionsAsync($"account_id={accountId}&outcome=deny"));
        Assert.Equal(("login", "deny", "CN", "ip_country"), Summary(denial));
        Assert.Equal(ComplianceFixture.MainlandIp, Evidence(denial, "ip"));
        Assert.Equal("active", Text(await AccountAsync(accountId), "status"));
    }

    [Fact]
    public async Task Checkout_from_a_mainland_IP_is_refused_and_opens_no_session()
    {
        using (var response = await SendFromAsync(Customer, ComplianceFixture.MainlandIp, HttpMethod.Post, "/api/v1/billing/checkout", new { amount_usd = "25" }))
        {
            await AssertDeniedProblemAsync(response);
        }

        Assert.DoesNotContain(StripeApi.Requests, r => r.Path == "/v1/checkout/sessions");
        var denial = Assert.Single(await DecisionsAsync($"account_id={AccountId}&surface=checkout"));
        Assert.Equal(("checkout", "deny", "CN", "ip_country"), Summary(denial));
    }

    [Fact]
    public async Task Forwarded_for_from_an_untrusted_peer_is_ignored_and_the_peer_is_judged()
    {
        var email = ApiClientExtensions.NewEmail("spoof");

        // The peer is not a trusted proxy, so its X-Forwarded-For (a mainland address) is not believed.
        using (var response = await SignUpFromAsync(ComplianceFixture.MainlandIp, email, peer: ComplianceFixture.UntrustedPeer))
        {
            await response.AssertStatusAsync(HttpStatusCode.Created);
        }

        var allow = Assert.Single(await DecisionsAsync("surface=signup"), d => Evidence(d, "ip") == ComplianceFixture.UntrustedPeer);
        Assert.Equal(("signup", "allow", "US", "declared_country"), Summary(allow));
        Assert.Null(Evidence(allow, "ip_country"));

        // And from a peer that is a mainland address itself, without any header, the peer's own address decides.
        using var direct = await SignUpFromAsync(ComplianceFixture.MainlandIp, ApiClientExtensions.NewEmail("direct"), peer: ComplianceFixture.MainlandIp);
        await AssertDeniedProblemAsync(direct);
    }

    [Fact]
    public async Task An_operator_override_wins_over_the_database()
    {
        var email = ApiClientExtensions.NewEmail("override");

        using (var response = await SignUpFromAsync(ComplianceFixture.OverriddenIp, email))
        {
            await response.AssertStatusAsync(HttpStatusCode.Created);
        }

        var allow = Assert.Single(await DecisionsAsync("surface=signup"), d => Evidence(d, "ip") == ComplianceFixture.OverriddenIp);
        Assert.Equal(("signup", "allow", "HK", "ip_country"), Summary(allow));
    }

    [Fact]
    public async Task Decision_log_validates_its_filters_and_pages_newest_first()
    {
        foreach (var query in new[] { "outcome=maybe", "surface=web", "account_id=not-a-uuid", "limit=0", "cursor=bogus" })
        {
            using var bad = await Admin.GetAsync($"/admin/v1/compliance/decisions?{query}");
            await bad.AssertStatusAsync(HttpStatusCode.BadRequest);
            var field = query[..query.IndexOf('=', StringComparison.Ordinal)];
            Assert.True((await bad.ReadJsonNodeAsync())["errors"]![field] is not null, $"{query} should name {field}");
        }

        for (var i = 0; i < 3; i++)
        {
            using var refused = await SignUpFromAsync(ComplianceFixture.MainlandIp, ApiClientExtensions.NewEmail($"page{i}"));
            await AssertDeniedProblemAsync(refused);
        }

        using var first = await Admin.GetAsync("/admin/v1/compliance/decisions?outcome=deny&limit=2");
        var page = await first.ReadJsonNodeAsync();
        Assert.Equal(2, page["data"]!.AsArray().Count);
        Assert.NotNull(page["next_cursor"]?.GetValue<string>());
        var all = await DecisionsAsync("outcome=deny");
        Assert.Equal(3, all.Count);
        var times = all.Select(d => d["created_at"]!.GetValue<DateTimeOffset>()).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
        Assert.Equal(3, all.Select(d => Text(d, "id")).Distinct().Count());

        using var anonymous = await Fixture.App.CreateClient().GetAsync("/admin/v1/compliance/decisions");
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }
}

public sealed class PostgresTerritoryDecisionTests(PostgresComplianceFixture fixture)
    : TerritoryDecisionTests<PostgresComplianceFixture>(fixture), IClassFixture<PostgresComplianceFixture>;

public sealed class SqliteTerritoryDecisionTests(SqliteComplianceFixture fixture)
    : TerritoryDecisionTests<SqliteComplianceFixture>(fixture), IClassFixture<SqliteComplianceFixture>;
