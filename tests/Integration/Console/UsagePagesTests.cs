using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Domain.Usage;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.WebConsole;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// <c>/dashboard</c> (balance, spend per day, recent calls) and <c>/dashboard/usage</c> (filters, paging, CSV export)
/// in a browser, after real <c>/v1</c> calls with a key made through the API.
/// </summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class UsagePagesTests(ConsoleFixture fixture)
{
    private const string ChatBody = """{"model":"MODEL","messages":[{"role":"user","content":"Hello"}],"max_tokens":50}""";

    [Fact]
    public async Task The_overview_shows_the_reduced_balance_todays_spend_and_the_recent_calls()
    {
        var (customer, keyId) = await CustomerWithCallsAsync("laptop", "gpt-4o", "gpt-4o", "gpt-4o-mini");
        var usage = await UsageAsync(customer.Api, "");
        var page = customer.Page;

        await page.GotoAsync("/dashboard");

        Assert.Equal("Overview · OmniaKey", await page.TitleAsync());
        var (available, reserved) = await customer.Api.GetBalanceAsync();
        Assert.True(Money.Parse(available) < Money.Parse("5"), $"the calls cost nothing: {available}");
        Assert.Equal(InEnglish(() => ConsoleFormat.Usd(available)), await page.GetByTestId("available").InnerTextAsync());
        Assert.Equal(InEnglish(() => ConsoleFormat.Usd(reserved)), await page.GetByTestId("reserved").InnerTextAsync());
        Assert.Equal("/dashboard/billing", await page.GetByRole(AriaRole.Link, new() { Name = "Top up" }).GetAttributeAsync("href"));

        // Today's bar holds exactly what the three calls were charged; the chart covers 30 days, the others at zero.
        var charged = usage.Sum(u => Money.Parse(u["charged_usd"]!.GetValue<string>()).NanoUsd);
        var day = DateTimeOffset.Parse(usage[0]["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture).UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var bars = page.Locator("svg.chart rect");
        Assert.Equal(30, await bars.CountAsync());
        var today = page.Locator($"svg.chart rect[data-day='{day}']");
        Assert.Equal(charged.ToString(CultureInfo.InvariantCulture), await today.GetAttributeAsync("data-nano-usd"));
        Assert.True(double.Parse((await today.GetAttributeAsync("height"))!, CultureInfo.InvariantCulture) > 0);
        Assert.Equal(29, await page.Locator("svg.chart rect[data-nano-usd='0']").CountAsync());
        Assert.NotEmpty(await page.Locator("svg.chart").GetAttributeAsync("aria-labelledby") ?? "");

        var recent = page.GetByRole(AriaRole.Region, new() { Name = "Recent calls" }).Locator("tbody tr");
        Assert.Equal(3, await recent.CountAsync());
        Assert.Contains("gpt-4o-mini", await recent.First.InnerTextAsync()); // newest first
        Assert.All(await recent.AllInnerTextsAsync(), row => Assert.Contains("laptop", row));
        Assert.NotEqual(Guid.Empty, keyId);
        await ConsolePageChecks.CheckAsync(page, "overview");
    }

    [Fact]
    public async Task A_brand_new_account_sees_a_zero_balance_and_empty_states()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard");
        var page = customer.Page;

        Assert.Equal(InEnglish(() => ConsoleFormat.Usd(0)), await page.GetByTestId("available").InnerTextAsync());
        Assert.Equal(0, await page.Locator("svg.chart").CountAsync());
        Assert.Equal(2, await page.Locator("p.empty").CountAsync());
        await ConsolePageChecks.CheckAsync(page, "overview-empty");

        await page.GotoAsync("/dashboard/usage");
        Assert.Contains("No calls yet", await page.Locator("p.empty").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).CountAsync());
        await ConsolePageChecks.CheckAsync(page, "usage-empty");
    }

    [Fact]
    public async Task The_usage_page_lists_the_calls_filters_them_and_exports_the_filtered_rows_as_the_apis_csv()
    {
        var (customer, keyId) = await CustomerWithCallsAsync("ci-runner", "gpt-4o", "gpt-4o-mini", "gpt-4o");
        var page = customer.Page;

        await page.GotoAsync("/dashboard/usage");
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Usage records" }).Locator("tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Contains("ci-runner", await rows.First.InnerTextAsync());
        Assert.Contains("Succeeded", await rows.First.InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "usage");

        await page.Locator("#model").FillAsync("gpt-4o-mini");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("model=gpt-4o-mini", StringComparison.Ordinal));
        Assert.Equal(1, await rows.CountAsync());
        Assert.Contains("gpt-4o-mini", await rows.First.InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "usage-filtered");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        Assert.Equal("usage.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        using var api = await customer.Api.GetAsync("/api/v1/usage/export.csv?model=gpt-4o-mini");
        Assert.Equal(await api.Content.ReadAsStringAsync(), csv);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length); // the header and the one gpt-4o-mini call
        Assert.Contains($",{keyId},gpt-4o-mini,", lines[1], StringComparison.Ordinal);

        // The key filter: a select of the account's keys by name; today's dates include today's calls.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GotoAsync($"/dashboard/usage?key_id={keyId}&from={today}&to={today}");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Equal(keyId.ToString(), await page.Locator("#key_id").InputValueAsync());
        await page.GotoAsync($"/dashboard/usage?model=gpt-4o-nano");
        Assert.Equal("No calls match these filters.", await page.Locator("p.empty").InnerTextAsync());
    }

    [Fact]
    public async Task Bad_filters_are_the_apis_errors_in_words_and_the_export_refuses_them_too()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/usage");
        var page = customer.Page;

        await page.GotoAsync("/dashboard/usage?from=yesterday&to=2026-13-01&key_id=mine");
        var errors = page.GetByRole(AriaRole.Alert);
        Assert.Equal("invalid_request", await errors.GetAttributeAsync("data-error-code"));
        var text = await errors.InnerTextAsync();
        Assert.Contains("from: must be an ISO 8601 date or time", text, StringComparison.Ordinal);
        Assert.Contains("to: must be an ISO 8601 date or time", text, StringComparison.Ordinal);
        Assert.Contains("key_id: must be the id of an API key", text, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("p.empty").CountAsync());
        await ConsolePageChecks.CheckAsync(page, "usage-bad-filter");

        // "to" is an inclusive date on the page: the same day is fine, an earlier one is refused as the API refuses it.
        await page.GotoAsync("/dashboard/usage?from=2026-06-02&to=2026-06-02");
        Assert.Equal(0, await page.GetByRole(AriaRole.Alert).CountAsync());
        await page.GotoAsync("/dashboard/usage?from=2026-06-02&to=2026-06-01");
        Assert.Contains("to: must be later than 'from'", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);

        using var export = await CookieClient(await page.ConsoleCookieAsync()).GetAsync("/dashboard/usage?handler=export&from=soon");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/html", export.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-error-code=\"invalid_request\"", await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_follow_the_apis_cursor_and_another_account_sees_none_of_it()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/usage");
        var keyId = Guid.NewGuid();
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await AddUsageAsync(Enumerable.Range(0, 53).Select(i => Record(customer.AccountId, keyId, $"req_{Guid.NewGuid():N}", start.AddSeconds(i))));
        var page = customer.Page;

        await page.GotoAsync("/dashboard/usage");
        var rows = page.GetByRole(AriaRole.Region, new() { Name = "Usage records" }).Locator("tbody tr");
        Assert.Equal(50, await rows.CountAsync());
        var firstPage = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("cursor=", StringComparison.Ordinal));
        Assert.Equal(3, await rows.CountAsync());
        var secondPage = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.id)");
        Assert.Empty(firstPage.Intersect(secondPage));
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Older" }).CountAsync());
        Assert.Contains($"Key {keyId:N}"[..12], await rows.First.InnerTextAsync()); // a key the Keys module does not list shows its id
        await ConsolePageChecks.CheckAsync(page, "usage-page-2");
        await page.GetByRole(AriaRole.Link, new() { Name = "Newest" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("cursor=", StringComparison.Ordinal));
        Assert.Equal(50, await rows.CountAsync());

        // Another account guessing the key id sees nothing of it: not on the page, not in the export, not in the chart.
        var other = await fixture.SignUpAndLogInAsync(landOn: "/dashboard");
        Assert.Equal(0, await other.Page.Locator("svg.chart").CountAsync());
        await other.Page.GotoAsync($"/dashboard/usage?key_id={keyId}");
        Assert.Equal("No calls match these filters.", await other.Page.Locator("p.empty").InnerTextAsync());
        using var export = await CookieClient(await other.Page.ConsoleCookieAsync()).GetAsync($"/dashboard/usage?handler=export&key_id={keyId}");
        Assert.Single((await export.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)); // the header only
    }

    [Fact]
    public async Task Both_pages_speak_chinese_with_money_in_us_dollars()
    {
        var (customer, _) = await CustomerWithCallsInAsync("zh-CN", "笔记本", "gpt-4o");
        var page = customer.Page;

        await page.GotoAsync("/dashboard");
        Assert.Equal("概览", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.StartsWith("US$4.99", await page.GetByTestId("available").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("最近 30 天每日支出（UTC）", await page.Locator("svg.chart title#spend-title").TextContentAsync());
        await ConsolePageChecks.CheckAsync(page, "overview-zh-Hans");

        await page.GetByRole(AriaRole.Link, new() { Name = "繁體中文" }).ClickAsync();
        await page.GotoAsync("/dashboard/usage");
        var row = page.GetByRole(AriaRole.Region, new() { Name = "用量紀錄" }).Locator("tbody tr");
        Assert.Contains("成功", await row.InnerTextAsync());
        Assert.Contains("笔记本", await row.InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "usage-zh-Hant");
    }

    /// <summary>A signed-in customer with $5, a key named <paramref name="keyName"/>, and one chat call per model, in order.</summary>
    private async Task<(ConsoleCustomer Customer, Guid KeyId)> CustomerWithCallsAsync(string keyName, params string[] models) =>
        await CustomerWithCallsInAsync("en-US", keyName, models);

    private async Task<(ConsoleCustomer Customer, Guid KeyId)> CustomerWithCallsInAsync(string locale, string keyName, params string[] models)
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard", locale: locale);
        using var admin = fixture.App.CreateAdminClient();
        await admin.CreditAsync(customer.AccountId, "5");
        var secret = await customer.Api.CreateApiKeyAsync(keyName);
        using var api = fixture.App.CreateBearerClient(secret);
        foreach (var model in models)
        {
            using var call = await api.PostAsync("/v1/chat/completions", new StringContent(ChatBody.Replace("MODEL", model, StringComparison.Ordinal), Encoding.UTF8, "application/json"));
            await call.AssertStatusAsync(HttpStatusCode.OK);
        }

        using var keys = await customer.Api.GetAsync("/api/v1/keys");
        var key = (await keys.ReadJsonNodeAsync())["data"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == keyName)!;
        return (customer, Guid.Parse(key["id"]!.GetValue<string>()));
    }

    private static async Task<List<JsonNode>> UsageAsync(HttpClient api, string query)
    {
        using var response = await api.GetAsync("/api/v1/usage" + query);
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return [.. (await response.ReadJsonNodeAsync())["data"]!.AsArray().Select(n => n!.DeepClone())];
    }

    /// <summary>A plain HTTP client carrying the browser's console cookie (to read a response the browser would download).</summary>
    private HttpClient CookieClient(BrowserContextCookiesResult? cookie)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.Address) };
        client.DefaultRequestHeaders.Add("Cookie", $"{cookie!.Name}={cookie.Value}");
        return client;
    }

    private async Task AddUsageAsync(IEnumerable<UsageRecord> records)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        db.UsageRecords.AddRange(records);
        await db.SaveChangesAsync();
    }

    private static UsageRecord Record(Guid accountId, Guid keyId, string id, DateTimeOffset at) => new()
    {
        Id = id,
        AccountId = accountId,
        KeyId = keyId,
        Model = "gpt-4o",
        Provider = "openai",
        InputTokens = 100,
        OutputTokens = 20,
        Cost = Money.Parse("0.000125"),
        Charged = Money.Parse("0.000125"),
        Status = "succeeded",
        UsageSource = "reported",
        CreatedAt = at,
    };

    private static string InEnglish(Func<string> format)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en-US");
        try
        {
            return format();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
