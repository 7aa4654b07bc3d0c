using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Routing.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Admin;

/// <summary><c>/admin/v1/models</c> over HTTP: CRUD, validation, aliases, and that changes reach <c>/v1</c> at once.</summary>
public abstract class CatalogAdminTests<TFixture>(TFixture fixture) : RoutingAdminTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    private static readonly object NewModel = new
    {
        id = "omni-test-1",
        aliases = new[] { "omni-test", "omni-test-latest" },
        provider = "openai",
        upstream_model = "gpt-4o-mini",
        context_window = 128000,
        max_output_tokens = 4096,
        pricing = new
        {
            input_per_million_usd = "0.2",
            output_per_million_usd = "0.8",
            cache_read_per_million_usd = "0.1",
            cache_write_per_million_usd = "0",
        },
    };

    [Fact]
    public async Task The_seeded_catalogue_is_listed_with_claude_gpt_and_gemini_models_and_list_prices()
    {
        using var response = await Admin.GetAsync("/admin/v1/models");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        var models = (await response.ReadJsonNodeAsync())["data"]!.AsArray();

        var sonnet = models.Single(m => Str(m!, "id") == "claude-sonnet-4-5")!;
        Assert.Equal("anthropic", Str(sonnet, "provider"));
        Assert.Equal("3", Str(sonnet, "pricing.input_per_million_usd"));
        Assert.Equal("3.75", Str(sonnet, "pricing.cache_write_per_million_usd"));
        Assert.Contains("claude-sonnet-4-5-20250929", sonnet["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Contains(models, m => Str(m!, "provider") == "gemini");
        var gpt4o = models.Single(m => Str(m!, "id") == "gpt-4o")!;
        Assert.Equal("2.5", Str(gpt4o, "pricing.input_per_million_usd"));
        Assert.True(gpt4o["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public async Task A_created_model_is_listed_and_callable_at_once_by_id_and_by_alias()
    {
        using var created = await Admin.PostJsonAsync("/admin/v1/models", NewModel);
        await created.AssertStatusAsync(HttpStatusCode.Created);
        Assert.Equal("/admin/v1/models/omni-test-1", created.Headers.Location!.OriginalString);
        var body = await created.ReadJsonNodeAsync();
        Assert.Equal("0.2", Str(body, "pricing.input_per_million_usd"));
        Assert.Equal(["omni-test", "omni-test-latest"], body["aliases"]!.AsArray().Select(a => a!.GetValue<string>()));

        using var fetched = await Admin.GetAsync("/admin/v1/models/omni-test-1");
        await fetched.AssertStatusAsync(HttpStatusCode.OK);

        // The alias resolves to the model on /v1, which answers with the model's own id.
        var viaAlias = await PublicModelAsync("omni-test");
        Assert.Equal("omni-test-1", Str(viaAlias, "id"));
        Assert.Equal("0.8", Str(viaAlias, "pricing.output_per_million_usd"));
        Assert.Null(viaAlias["list_pricing"]);

        // A chat through the alias reaches the upstream model and is charged at the model's prices.
        await Admin.CreditAsync(AccountId, "1");
        Fixture.Upstream.DefaultReply = FakeReply.Text("hi", promptTokens: 1000, completionTokens: 100);
        using var chat = await ChatAsync("omni-test-latest");
        await chat.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("gpt-4o-mini", Assert.Single(Fixture.Upstream.ChatRequests).Model);
        Assert.Equal(Money.Parse("1") - Money.Parse("0.00028"), await AvailableAsync()); // 1000 × 0.2 + 100 × 0.8 per million
    }

    [Fact]
    public async Task Patched_prices_aliases_and_limits_show_on_v1_models_at_once()
    {
        Assert.Equal("2.5", Str(await PublicModelAsync("gpt-4o"), "pricing.input_per_million_usd")); // now cached

        using var patched = await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new
        {
            aliases = new[] { "omni-default" },
            max_output_tokens = 8192,
            pricing = new { input_per_million_usd = "2.25" },
        });
        await patched.AssertStatusAsync(HttpStatusCode.OK);
        var body = await patched.ReadJsonNodeAsync();
        Assert.Equal("2.25", Str(body, "pricing.input_per_million_usd"));
        Assert.Equal("10", Str(body, "pricing.output_per_million_usd")); // untouched fields keep their values
        Assert.Equal(128000, body["context_window"]!.GetValue<int>());

        var model = await PublicModelAsync("gpt-4o");
        Assert.Equal("2.25", Str(model, "pricing.input_per_million_usd"));
        Assert.Equal(8192, model["max_output_tokens"]!.GetValue<int>());
        Assert.Equal("gpt-4o", Str(await PublicModelAsync("omni-default"), "id"));

        // Replacing the aliases frees the old one at once.
        (await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new { aliases = Array.Empty<string>() })).EnsureSuccessStatusCode();
        using var gone = await ApiClient().GetAsync("/v1/models/omni-default");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Delete_disables_the_model_which_then_is_neither_listed_nor_callable_but_stays_for_admins()
    {
        Assert.Equal("gpt-4o-mini", Str(await PublicModelAsync("gpt-4o-mini"), "id")); // now cached

        using var deleted = await Admin.DeleteAsync("/admin/v1/models/gpt-4o-mini");
        await deleted.AssertStatusAsync(HttpStatusCode.OK);
        Assert.False((await deleted.ReadJsonNodeAsync())["enabled"]!.GetValue<bool>());

        var publicIds = (await (await ApiClient().GetAsync("/v1/models")).ReadJsonNodeAsync())["data"]!.AsArray().Select(m => Str(m!, "id"));
        Assert.DoesNotContain("gpt-4o-mini", publicIds);
        await Admin.CreditAsync(AccountId, "1");
        using (var chat = await ChatAsync("gpt-4o-mini"))
        {
            await chat.AssertStatusAsync(HttpStatusCode.NotFound);
        }

        Assert.Empty(Fixture.Upstream.ChatRequests);
        var admin = await (await Admin.GetAsync("/admin/v1/models")).ReadJsonNodeAsync();
        Assert.False(admin["data"]!.AsArray().Single(m => Str(m!, "id") == "gpt-4o-mini")!["enabled"]!.GetValue<bool>());

        // Its id stays reserved, and enabling it brings it back.
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PostJsonAsync("/admin/v1/models", Rename(NewModel, "gpt-4o-mini"))).StatusCode);
        (await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o-mini", new { enabled = true })).EnsureSuccessStatusCode();
        Assert.Equal("gpt-4o-mini", Str(await PublicModelAsync("gpt-4o-mini"), "id"));
    }

    [Fact]
    public async Task Reseeding_adds_only_missing_ids_and_keeps_operator_edits()
    {
        (await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new { pricing = new { output_per_million_usd = "9" } })).EnsureSuccessStatusCode();
        (await Admin.DeleteAsync("/admin/v1/models/gemini-2.5-pro")).EnsureSuccessStatusCode();
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            // Two defaults go missing; an operator then claims one of their ids as an alias.
            var db = scope.ServiceProvider.GetRequiredService<RoutingDbContext>();
            db.Models.RemoveRange(db.Models.Where(m => m.Id == "o3" || m.Id == "o4-mini"));
            await db.SaveChangesAsync();
        }

        (await PatchJsonAsync(Admin, "/admin/v1/models/gpt-5-mini", new { aliases = new[] { "o4-mini" } })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await ApiClient().GetAsync("/v1/models/o3")).StatusCode); // cached without o3
        await using (var scope = Fixture.App.Services.CreateAsyncScope())
        {
            foreach (var seeder in scope.ServiceProvider.GetServices<IDataSeeder>())
            {
                await seeder.SeedAsync(CancellationToken.None);
            }
        }

        var models = (await (await Admin.GetAsync("/admin/v1/models")).ReadJsonNodeAsync())["data"]!.AsArray();
        Assert.Equal("9", Str(models.Single(m => Str(m!, "id") == "gpt-4o")!, "pricing.output_per_million_usd"));
        Assert.False(models.Single(m => Str(m!, "id") == "gemini-2.5-pro")!["enabled"]!.GetValue<bool>());
        Assert.Contains(models, m => Str(m!, "id") == "o3");
        Assert.DoesNotContain(models, m => Str(m!, "id") == "o4-mini");
        Assert.Equal("o3", Str(await PublicModelAsync("o3"), "id")); // the seeder evicted the catalogue cache
        Assert.Equal("gpt-5-mini", Str(await PublicModelAsync("o4-mini"), "id"));
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_400_naming_each_field()
    {
        using var response = await Admin.PostJsonAsync("/admin/v1/models", new
        {
            id = "Bad Id",
            provider = "mistral",
            upstream_model = "",
            context_window = 1000,
            max_output_tokens = 2000,
            pricing = new
            {
                input_per_million_usd = "-1",
                output_per_million_usd = "1.0000000001",
                cache_read_per_million_usd = "0",
            },
        });

        var errors = await AssertFieldErrorsAsync(
            response,
            "id",
            "provider",
            "upstream_model",
            "max_output_tokens",
            "pricing.input_per_million_usd",
            "pricing.output_per_million_usd",
            "pricing.cache_write_per_million_usd");
        Assert.Contains("openai, anthropic, gemini", errors["provider"]![0]!.GetValue<string>());

        using var patch = await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new { max_output_tokens = 200000 });
        Assert.Contains("context_window", (await AssertFieldErrorsAsync(patch, "max_output_tokens"))["max_output_tokens"]![0]!.GetValue<string>());
        Assert.Equal("2.5", Str(await PublicModelAsync("gpt-4o"), "pricing.input_per_million_usd"));
    }

    [Fact]
    public async Task Per_part_input_maxima_default_by_provider_are_editable_and_refused_when_negative()
    {
        using var created = await Admin.PostJsonAsync("/admin/v1/models", NewModel);
        await created.AssertStatusAsync(HttpStatusCode.Created);
        var body = await created.ReadJsonNodeAsync();
        Assert.Equal(1445, body["image_input_max_tokens"]!.GetValue<int>());
        Assert.Equal(128000, body["audio_input_max_tokens"]!.GetValue<int>());
        Assert.Equal(128000, body["file_input_max_tokens"]!.GetValue<int>());

        using var patched = await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new { image_input_max_tokens = 2000, file_input_max_tokens = 0 });
        await patched.AssertStatusAsync(HttpStatusCode.OK);
        var gpt4o = await patched.ReadJsonNodeAsync();
        Assert.Equal(2000, gpt4o["image_input_max_tokens"]!.GetValue<int>());
        Assert.Equal(128000, gpt4o["audio_input_max_tokens"]!.GetValue<int>());
        Assert.Equal(0, gpt4o["file_input_max_tokens"]!.GetValue<int>());

        using var refused = await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new { image_input_max_tokens = -1, audio_input_max_tokens = -2 });
        await AssertFieldErrorsAsync(refused, "image_input_max_tokens", "audio_input_max_tokens");
        using var read = await Admin.GetAsync("/admin/v1/models/gpt-4o");
        Assert.Equal(2000, (await read.ReadJsonNodeAsync())["image_input_max_tokens"]!.GetValue<int>());
    }

    [Fact]
    public async Task Ids_and_aliases_are_unique_across_all_models()
    {
        using var duplicateId = await Admin.PostJsonAsync("/admin/v1/models", Rename(NewModel, "gpt-4o"));
        await duplicateId.AssertStatusAsync(HttpStatusCode.Conflict);
        Assert.Equal("model_exists", Str(await duplicateId.ReadJsonNodeAsync(), "code"));

        using var takenAlias = await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new { aliases = new[] { "claude-sonnet-4-5-20250929" } });
        await takenAlias.AssertStatusAsync(HttpStatusCode.Conflict);
        var problem = await takenAlias.ReadJsonNodeAsync();
        Assert.Equal("alias_taken", Str(problem, "code"));
        Assert.Contains("claude-sonnet-4-5", Str(problem, "detail"));

        using var aliasIsAnId = await PatchJsonAsync(Admin, "/admin/v1/models/gpt-4o", new { aliases = new[] { "gpt-5" } });
        await aliasIsAnId.AssertStatusAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_models_are_404_on_every_admin_route()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/admin/v1/models/no-such-model")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PatchJsonAsync(Admin, "/admin/v1/models/no-such-model", new { enabled = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.DeleteAsync("/admin/v1/models/no-such-model")).StatusCode);

        // Admin routes address models by id only; an alias is not an id.
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetAsync("/admin/v1/models/claude-sonnet-4-5-20250929")).StatusCode);
    }

    [Fact]
    public async Task Customer_tokens_and_api_keys_are_refused_on_the_admin_catalogue()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await Customer.GetAsync("/admin/v1/models")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Customer.PostJsonAsync("/admin/v1/models", NewModel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PatchJsonAsync(Customer, "/admin/v1/models/gpt-4o", new { enabled = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await ApiClient().DeleteAsync("/admin/v1/models/gpt-4o")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Fixture.App.CreateClient().GetAsync("/admin/v1/models")).StatusCode);
        Assert.Equal("gpt-4o", Str(await PublicModelAsync("gpt-4o"), "id"));
    }

    private static JsonNode Rename(object model, string id)
    {
        var node = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(model, ApiClientExtensions.Json))!;
        node["id"] = id;
        node["aliases"] = new JsonArray();
        return node;
    }
}

public sealed class SqliteCatalogAdminTests(SqliteGatewayFixture fixture)
    : CatalogAdminTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

public sealed class PostgresCatalogAdminTests(PostgresGatewayFixture fixture)
    : CatalogAdminTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
