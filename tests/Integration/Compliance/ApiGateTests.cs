using System.Net;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Compliance;

/// <summary>
/// Every <c>/v1</c> call is judged on the client IP's country from memory: CN gets OpenAI's 403 before anything is
/// held or sent upstream; HK, MO and TW are served. Denials and the first allow per account, country and day reach
/// the decision log through the background writer. On each database.
/// </summary>
public abstract class ApiGateTests<TFixture>(TFixture fixture) : ComplianceTestBase<TFixture>(fixture)
    where TFixture : ComplianceFixture
{
    private static readonly object Chat = new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = "Hi" } } };

    [Fact]
    public async Task A_mainland_call_is_refused_in_OpenAI_shape_reaches_no_upstream_and_costs_nothing()
    {
        await Admin.CreditAsync(AccountId, "10");
        var api = Fixture.App.CreateBearerClient(await Customer.CreateApiKeyAsync("laptop"));

        using (var chat = await SendFromAsync(api, ComplianceFixture.MainlandIp, HttpMethod.Post, "/v1/chat/completions", Chat))
        {
            await chat.AssertStatusAsync(HttpStatusCode.Forbidden);
            Assert.Equal("gateway", Assert.Single(chat.Headers.GetValues("x-omniakey-error-source")));
            var error = (await chat.ReadJsonNodeAsync())["error"]!;
            Assert.Equal(("permission_error", DeniedCode), (Text(error, "type"), Text(error, "code")));
        }

        using (var models = await SendFromAsync(api, ComplianceFixture.MainlandIp, HttpMethod.Get, "/v1/models"))
        {
            await models.AssertStatusAsync(HttpStatusCode.Forbidden);
            Assert.Equal(DeniedCode, Text((await models.ReadJsonNodeAsync())["error"]!, "code"));
        }

        Assert.Empty(Fixture.Upstream.ChatRequests);
        Assert.Equal((Money.Parse("10"), Money.Zero), await BalanceAsync());
        var denials = await DecisionsAsync($"account_id={AccountId}&surface=api");
        Assert.Equal(2, denials.Count);
        Assert.All(denials, d =>
        {
            Assert.Equal(("api", "deny", "CN", "ip_country"), Summary(d));
            Assert.Equal((ComplianceFixture.MainlandIp, "CN"), (Evidence(d, "ip"), Evidence(d, "ip_country")));
        });
    }

    [Fact]
    public async Task Hong_Kong_Macao_and_Taiwan_calls_are_served_and_their_allows_are_logged_once_a_day()
    {
        await Admin.CreditAsync(AccountId, "10");
        var api = Fixture.App.CreateBearerClient(await Customer.CreateApiKeyAsync("laptop"));

        foreach (var (_, ip) in ComplianceFixture.NotRestricted)
        {
            for (var call = 0; call < 2; call++)
            {
                using var chat = await SendFromAsync(api, ip, HttpMethod.Post, "/v1/chat/completions", Chat);
                await chat.AssertStatusAsync(HttpStatusCode.OK);
                using var models = await SendFromAsync(api, ip, HttpMethod.Get, "/v1/models");
                await models.AssertStatusAsync(HttpStatusCode.OK);
            }
        }

        Assert.Equal(6, Fixture.Upstream.ChatRequests.Count);

        // Twelve calls, three countries: one allow each (the first per account, IP country and UTC day).
        var allows = await DecisionsAsync($"account_id={AccountId}&surface=api");
        Assert.Equal(
            ComplianceFixture.NotRestricted.Select(n => ("api", "allow", (string?)n.Country, (string?)"ip_country")).OrderBy(s => s.Item3).ToList(),
            allows.Select(Summary).OrderBy(s => s.Country).ToList());
        Assert.Empty(await DecisionsAsync("outcome=deny"));
    }
}

public sealed class SqliteApiGateTests(SqliteComplianceFixture fixture)
    : ApiGateTests<SqliteComplianceFixture>(fixture), IClassFixture<SqliteComplianceFixture>;

public sealed class PostgresApiGateTests(PostgresComplianceFixture fixture)
    : ApiGateTests<PostgresComplianceFixture>(fixture), IClassFixture<PostgresComplianceFixture>;
