using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Gateway;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Routing.Domain.Promotions;
using Xunit;

namespace OmniaKey.IntegrationTests.Admin;

/// <summary>
/// The gateway test set-up, plus: the database reset deletes promotions under the app's in-memory price book, so each
/// test starts by evicting it, as an operator's change would. (The reset re-runs the catalogue seeder, which evicts
/// the catalogue cache itself.)
/// </summary>
public abstract class RoutingAdminTestBase<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture), IAsyncLifetime
    where TFixture : GatewayFixture
{
    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Fixture.App.Services.GetRequiredService<IPromotionCache>().Invalidate();
    }

    protected static Task<HttpResponseMessage> PatchJsonAsync(HttpClient client, string path, object body) =>
        client.PatchAsJsonAsync(path, body, ApiClientExtensions.Json);

    protected static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string path, object body) =>
        client.PutAsJsonAsync(path, body, ApiClientExtensions.Json);

    /// <summary><c>GET /v1/models/{id}</c> with the customer's API key.</summary>
    protected async Task<JsonNode> PublicModelAsync(string id)
    {
        using var response = await ApiClient().GetAsync($"/v1/models/{id}");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }

    /// <summary><c>POST /v1/chat/completions</c> with the customer's API key: one short user message.</summary>
    protected Task<HttpResponseMessage> ChatAsync(string model) =>
        ApiClient().PostAsync("/v1/chat/completions", ChatCompletionsTests<TFixture>.Json(new JsonObject
        {
            ["model"] = model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hello" }),
            ["max_tokens"] = 50,
        }));

    /// <summary>Asserts a 400 problem whose <c>errors</c> name every one of <paramref name="fields"/>.</summary>
    protected static async Task<JsonObject> AssertFieldErrorsAsync(HttpResponseMessage response, params string[] fields)
    {
        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var body = await response.ReadJsonNodeAsync();
        var errors = body["errors"]!.AsObject();
        foreach (var field in fields)
        {
            Assert.True(errors.ContainsKey(field), $"expected an error on '{field}' in {body.ToJsonString()}");
            Assert.False(string.IsNullOrWhiteSpace(errors[field]![0]!.GetValue<string>()));
        }

        return errors;
    }

    protected static string Str(JsonNode node, string path)
    {
        var current = node;
        foreach (var part in path.Split('.'))
        {
            current = current[part] ?? throw new InvalidOperationException($"'{path}' is missing from {node.ToJsonString()}");
        }

        return current.GetValue<string>();
    }
}
