using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using OpenAI;
using OpenAI.Chat;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// <c>/dashboard/tokens</c> in a browser: keys created on the page (the secret shown once) are used through the
/// official OpenAI SDK; revoking, rotating and a model limit set on the page act on the very next call.
/// </summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class TokensPageTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task A_key_created_on_the_page_works_once_shown_and_is_refused_at_once_after_revoking_it()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        await fixture.App.CreateAdminClient().CreditAsync(customer.AccountId, "10.00");
        var page = customer.Page;
        Assert.Contains("You have no API keys yet", await page.Locator("p.empty").InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "tokens-empty");

        var name = UniqueName("ci");
        var created = await CreateKeyAsync(page, name);

        Assert.Contains("no-store", created.Headers["cache-control"].Split(", "));
        var secret = await SecretAsync(page);
        Assert.Contains("will not be shown again", await page.Locator(".warning").InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "tokens-created");
        var completion = await Sdk(secret).CompleteChatAsync([new UserChatMessage("Say hi")]);
        Assert.False(string.IsNullOrEmpty(completion.Value.Content[0].Text));

        // Shown once: the list, loaded again, has the key's prefix and last four, never the secret.
        await page.GotoAsync("/dashboard/tokens");
        Assert.DoesNotContain(secret, await page.ContentAsync());
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        Assert.Contains(secret[^4..], await row.InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "tokens");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Revoke " + name }).ClickAsync());

        Assert.Contains($"The key \"{name}\" has been revoked", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        Assert.Contains("Revoked", await row.InnerTextAsync());
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(secret).CompleteChatAsync([new UserChatMessage("Say hi")]));
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task Rotating_on_the_key_page_shows_a_new_secret_that_works_and_the_old_key_is_refused()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        await fixture.App.CreateAdminClient().CreditAsync(customer.AccountId, "10.00");
        var page = customer.Page;
        var name = UniqueName("rotate");
        await CreateKeyAsync(page, name);
        var old = await SecretAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Manage " + name }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Key \"{name}\"" }).WaitForAsync();
        await ConsolePageChecks.CheckAsync(page, "token-edit");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var rotated = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync());

        Assert.Contains("no-store", rotated.Headers["cache-control"].Split(", "));
        var replacement = await SecretAsync(page);
        Assert.NotEqual(old, replacement);
        Assert.Equal($"Key \"{name}\" rotated", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        await ConsolePageChecks.CheckAsync(page, "token-rotated");
        var completion = await Sdk(replacement).CompleteChatAsync([new UserChatMessage("Say hi")]);
        Assert.False(string.IsNullOrEmpty(completion.Value.Content[0].Text));
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(old).CompleteChatAsync([new UserChatMessage("Say hi")]));
        Assert.Equal(401, refused.Status);
    }

    [Fact]
    public async Task Rotating_with_an_overlap_keeps_the_old_key_working_until_the_window_ends()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        await fixture.App.CreateAdminClient().CreditAsync(customer.AccountId, "10.00");
        var page = customer.Page;
        var name = UniqueName("overlap");
        await CreateKeyAsync(page, name);
        var old = await SecretAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage " + name }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Key \"{name}\"" }).WaitForAsync();
        var oldId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        await page.GetByLabel("Keep the old key working for (seconds)").FillAsync("3600");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var before = DateTimeOffset.UtcNow;
        await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Rotate key" }).ClickAsync());

        var replacement = await SecretAsync(page);
        Assert.NotEqual(old, replacement);
        var completion = await Sdk(old).CompleteChatAsync([new UserChatMessage("Say hi")]);
        Assert.False(string.IsNullOrEmpty(completion.Value.Content[0].Text));
        var oldKey = await KeyAsync(customer, oldId);
        Assert.Equal("active", oldKey["status"]!.GetValue<string>());
        var expiresAt = DateTimeOffset.Parse(oldKey["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(expiresAt, before.AddSeconds(3590), DateTimeOffset.UtcNow.AddSeconds(3610));
    }

    [Fact]
    public async Task An_allowed_models_limit_set_on_the_key_page_refuses_other_models_and_a_bad_limit_is_refused_in_words()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        await fixture.App.CreateAdminClient().CreditAsync(customer.AccountId, "10.00");
        var page = customer.Page;
        var name = UniqueName("models");
        await CreateKeyAsync(page, name);
        var secret = await SecretAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Manage " + name }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = $"Key \"{name}\"" }).WaitForAsync();
        var keyId = Guid.Parse(new Uri(page.Url).Segments[^1]);

        // A bad entry is refused with the API's field and reason, and nothing is saved.
        await page.GetByLabel("Allowed models").FillAsync("gpt-4o-mini");
        await page.GetByLabel("Allowed IP addresses").FillAsync("not-an-address");
        await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync());
        var errors = page.GetByRole(AriaRole.Alert);
        Assert.Equal("invalid_request", await errors.GetAttributeAsync("data-error-code"));
        Assert.Contains("allowed_ips: entry 0 (\"not-an-address\") is neither an IP address nor a CIDR range", await errors.InnerTextAsync());
        Assert.Null((await KeyAsync(customer, keyId))["allowed_models"]);

        await page.GetByLabel("Allowed IP addresses").FillAsync("");
        await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync());

        Assert.Contains("Your changes have been saved", await page.GetByRole(AriaRole.Status).InnerTextAsync());
        var key = await KeyAsync(customer, keyId);
        Assert.Equal("gpt-4o-mini", Assert.Single(key["allowed_models"]!.AsArray())!.GetValue<string>());
        Assert.Null(key["allowed_ips"]);
        Assert.Null(key["rpm_limit"]);
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => Sdk(secret, "gpt-4o").CompleteChatAsync([new UserChatMessage("Say hi")]));
        Assert.Equal(403, refused.Status);
        Assert.Contains("model_not_allowed", refused.GetRawResponse()!.Content.ToString());
        var allowed = await Sdk(secret, "gpt-4o-mini").CompleteChatAsync([new UserChatMessage("Say hi")]);
        Assert.False(string.IsNullOrEmpty(allowed.Value.Content[0].Text));

        // Emptying the box clears the limit (PATCH's null), and the unchanged boxes stay as they were.
        await page.GetByLabel("Allowed models").FillAsync("");
        await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync());
        Assert.Null((await KeyAsync(customer, keyId))["allowed_models"]);
    }

    [Fact]
    public async Task A_key_created_with_limits_lists_them()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        var page = customer.Page;
        var name = UniqueName("limited");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Spend limit (USD)").FillAsync("12.5");
        await page.GetByLabel("Budget period").SelectOptionAsync("month");
        await page.GetByLabel("Requests per minute").FillAsync("60");
        await page.GetByLabel("Allowed models").FillAsync("claude-*\ngpt-4o");
        await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync());

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        var text = await row.InnerTextAsync();
        Assert.Contains("Budget $12.50 a month (UTC); $0.00 spent this month", text);
        Assert.Contains("60 requests per minute", text);
        Assert.Contains("Models: claude-*, gpt-4o", text);
        var listed = (await GetJsonAsync(customer, "/api/v1/keys"))["data"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == name)!;
        Assert.Equal("12.5", listed["spend_limit_usd"]!.GetValue<string>());
        Assert.Equal("month", listed["spend_limit_period"]!.GetValue<string>());
        Assert.Equal(60, listed["rpm_limit"]!.GetValue<int>());
        Assert.Null(listed["tpm_limit"]);
    }

    [Fact]
    public async Task Keys_are_paged_like_the_api()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        foreach (var name in new[] { "first", "second", "third" })
        {
            await customer.Api.CreateApiKeyAsync(name);
        }

        var page = customer.Page;
        await page.GotoAsync("/dashboard/tokens?limit=2");
        Assert.Equal(2, await page.Locator("table tbody tr").CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("cursor=", StringComparison.Ordinal));

        Assert.Equal(1, await page.Locator("table tbody tr").CountAsync());
        Assert.Contains("third", await page.Locator("table tbody").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Next" }).CountAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "First page" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("cursor=", StringComparison.Ordinal));
        Assert.Contains("first", await page.Locator("table tbody").InnerTextAsync());
    }

    [Fact]
    public async Task The_tokens_page_is_translated_into_chinese()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        await customer.Api.CreateApiKeyAsync("生产服务器");
        var page = customer.Page;

        await page.GetByRole(AriaRole.Link, new() { Name = "简体中文" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/dashboard/tokens");

        Assert.Equal("API 密钥", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "创建密钥" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "创建密钥" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "吊销 生产服务器" }).IsVisibleAsync());
        Assert.Contains("有效", await page.GetByRole(AriaRole.Row).Filter(new() { HasText = "生产服务器" }).InnerTextAsync());
        Assert.Equal("zh-Hans", await page.Locator("html").GetAttributeAsync("lang"));
        await ConsolePageChecks.CheckAsync(page, "tokens-zh-Hans");
    }

    internal static string UniqueName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Fills in the create form with a name only and sends it; the answer is the page with the secret.</summary>
    internal static async Task<IResponse> CreateKeyAsync(IPage page, string name)
    {
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        var response = await SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync());
        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        return response;
    }

    /// <summary>
    /// Runs <paramref name="action"/> (a click that submits a form) and returns the document it led to, after any
    /// redirect. Navigation waiting is deprecated in Playwright in favour of waiting for a URL, but a post that
    /// redirects back to the same URL (revoke) cannot be told apart by its URL.
    /// </summary>
    internal static async Task<IResponse> SubmitAsync(IPage page, Func<Task> action)
    {
#pragma warning disable CS0612
        var response = await page.RunAndWaitForNavigationAsync(action);
#pragma warning restore CS0612
        Assert.NotNull(response);
        return response;
    }

    private static async Task<string> SecretAsync(IPage page)
    {
        var secret = (await page.Locator("#secret").InnerTextAsync()).Trim();
        Assert.StartsWith("sk-omk-", secret);
        return secret;
    }

    private static Task<JsonNode> KeyAsync(ConsoleCustomer customer, Guid keyId) => GetJsonAsync(customer, $"/api/v1/keys/{keyId}");

    internal static async Task<JsonNode> GetJsonAsync(ConsoleCustomer customer, string path)
    {
        using var response = await customer.Api.GetAsync(path);
        await response.AssertSuccessAsync();
        return await response.ReadJsonNodeAsync();
    }

    private ChatClient Sdk(string secret, string model = "gpt-4o-mini") =>
        new(model, new ApiKeyCredential(secret), new OpenAIClientOptions
        {
            Endpoint = new Uri(fixture.Address + "/v1"),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        });
}
