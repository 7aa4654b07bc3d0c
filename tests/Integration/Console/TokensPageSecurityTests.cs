using Microsoft.Playwright;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// The keys pages' handlers called directly, as a forged or guessing client would: another account's key id is
/// "not found" on every handler and that key is untouched; a post without the anti-forgery token changes nothing.
/// </summary>
[Collection(ConsoleInABrowser.Name)]
public sealed class TokensPageSecurityTests(ConsoleFixture fixture)
{
    [Fact]
    public async Task Another_accounts_key_id_is_not_found_on_every_handler_and_the_key_is_untouched()
    {
        var owner = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        await owner.Api.CreateApiKeyAsync("owner's key");
        var ownerKey = (await TokensPageTests.GetJsonAsync(owner, "/api/v1/keys"))["data"]![0]!;
        var keyId = ownerKey["id"]!.GetValue<string>();
        var intruder = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        var page = intruder.Page;

        var view = await page.GotoAsync($"/dashboard/tokens/{keyId}");
        Assert.Equal(404, view!.Status);
        Assert.DoesNotContain("owner's key", await page.ContentAsync());

        var attempts = new (string Action, Dictionary<string, string> Fields)[]
        {
            ("/dashboard/tokens?handler=Revoke", new() { ["id"] = keyId }),
            ($"/dashboard/tokens/{keyId}", new() { ["Form.Name"] = "taken over", ["Form.AllowedIps"] = "198.51.100.7" }),
            ($"/dashboard/tokens/{keyId}?handler=Rotate", new() { ["overlap_seconds"] = "0" }),
            ($"/dashboard/tokens/{keyId}?handler=Revoke", []),
        };
        foreach (var (action, fields) in attempts)
        {
            await page.GotoAsync("/dashboard/tokens");
            var answer = await PostFormAsync(page, action, fields);

            Assert.Equal(404, answer.Status);
            Assert.Equal("key_not_found", await page.GetByRole(AriaRole.Alert).GetAttributeAsync("data-error-code"));
            Assert.DoesNotContain("sk-omk-", await page.Locator("main").InnerTextAsync());
        }

        var keys = (await TokensPageTests.GetJsonAsync(owner, "/api/v1/keys"))["data"]!.AsArray();
        var after = Assert.Single(keys)!;
        Assert.Equal("active", after["status"]!.GetValue<string>());
        Assert.Equal("owner's key", after["name"]!.GetValue<string>());
        Assert.Null(after["allowed_ips"]);
        Assert.Null(after["expires_at"]);
    }

    [Fact]
    public async Task A_post_without_the_anti_forgery_token_is_refused_and_changes_nothing()
    {
        var customer = await fixture.SignUpAndLogInAsync(landOn: "/dashboard/tokens");
        await customer.Api.CreateApiKeyAsync("kept");
        var keyId = (await TokensPageTests.GetJsonAsync(customer, "/api/v1/keys"))["data"]![0]!["id"]!.GetValue<string>();
        var page = customer.Page;
        await page.GotoAsync("/dashboard/tokens");

        var revoke = await PostFormAsync(page, "/dashboard/tokens?handler=Revoke", new() { ["id"] = keyId }, withAntiforgeryToken: false);
        var create = await PostFormAsync(page, "/dashboard/tokens?handler=Create", new() { ["Form.Name"] = "forged" }, withAntiforgeryToken: false);
        var change = await PostFormAsync(page, $"/dashboard/tokens/{keyId}", new() { ["Form.AllowedModels"] = "gpt-4o" }, withAntiforgeryToken: false);

        Assert.Equal(400, revoke.Status);
        Assert.Equal(400, create.Status);
        Assert.Equal(400, change.Status);
        var key = Assert.Single((await TokensPageTests.GetJsonAsync(customer, "/api/v1/keys"))["data"]!.AsArray())!;
        Assert.Equal("active", key["status"]!.GetValue<string>());
        Assert.Null(key["allowed_models"]);
    }

    /// <summary>
    /// Posts a form built in the page (so the browser's own cookies go with it), with the page's anti-forgery token
    /// unless told not to, and returns the answer.
    /// </summary>
    private static Task<IResponse> PostFormAsync(IPage page, string action, Dictionary<string, string> fields, bool withAntiforgeryToken = true)
    {
        return TokensPageTests.SubmitAsync(page, () => page.EvaluateAsync(
            """
            ([action, fields, withToken]) => {
                const form = document.createElement("form");
                form.method = "post";
                form.action = action;
                const add = (name, value) => {
                    const input = document.createElement("input");
                    input.type = "hidden";
                    input.name = name;
                    input.value = value;
                    form.appendChild(input);
                };
                if (withToken) add("__RequestVerificationToken", document.querySelector("input[name=__RequestVerificationToken]").value);
                for (const [name, value] of Object.entries(fields)) add(name, value);
                document.body.appendChild(form);
                form.submit();
            }
            """,
            new object[] { action, fields, withAntiforgeryToken }));
    }
}
