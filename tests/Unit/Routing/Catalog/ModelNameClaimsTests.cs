using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Routing.Application.Catalog;
using Xunit;
using static OmniaKey.UnitTests.Routing.Promotions.PromotionTestData;

namespace OmniaKey.UnitTests.Routing.Catalog;

/// <summary>Ids and aliases share one name space across all models, disabled ones included.</summary>
public sealed class ModelNameClaimsTests
{
    private readonly FakeModelRepository repository = new();

    public ModelNameClaimsTests()
    {
        var sonnet = Model("claude-sonnet-4-5", "anthropic");
        sonnet.ReplaceAliases(["sonnet"]);
        var retired = Model("claude-3-opus", "anthropic");
        retired.Disable();
        repository.Models.AddRange([sonnet, retired]);
    }

    [Theory]
    [InlineData("claude-sonnet-4-5", "model_exists")]
    [InlineData("claude-3-opus", "model_exists")]
    [InlineData("sonnet", "model_id_taken")]
    public async Task A_new_id_must_be_nobodys_id_or_alias(string id, string code)
    {
        var error = await Assert.ThrowsAsync<ConflictException>(() => ModelNameClaims.EnsureFreeAsync(repository, id, [], null, default));
        Assert.Equal(code, error.Code);
        Assert.StartsWith("id: ", error.Message);
    }

    [Theory]
    [InlineData("sonnet", "an alias of model `claude-sonnet-4-5`")]
    [InlineData("claude-3-opus", "the id of a model")]
    public async Task A_new_alias_must_be_nobodys_id_or_alias(string alias, string holder)
    {
        var error = await Assert.ThrowsAsync<ConflictException>(() => ModelNameClaims.EnsureFreeAsync(repository, "new-model", [alias], null, default));
        Assert.Equal("alias_taken", error.Code);
        Assert.Equal($"aliases: `{alias}` is already {holder}.", error.Message);
    }

    [Fact]
    public async Task A_model_may_keep_its_own_aliases_and_take_free_names()
    {
        await ModelNameClaims.EnsureFreeAsync(repository, null, ["sonnet", "sonnet-latest"], "claude-sonnet-4-5", default);
        await ModelNameClaims.EnsureFreeAsync(repository, "gpt-6", ["gpt-6-preview"], null, default);
        await Assert.ThrowsAsync<ConflictException>(() => ModelNameClaims.EnsureFreeAsync(repository, null, ["sonnet"], "claude-3-opus", default));
    }

    [Fact]
    public void Replacing_aliases_keeps_the_unchanged_ones_so_they_are_not_deleted_and_reinserted()
    {
        var model = Model("gpt-4o", "openai");
        model.ReplaceAliases(["a", "b"]);
        var kept = model.Aliases.Single(a => a.Name == "b");

        model.ReplaceAliases(["b", "c", "c"]);

        Assert.Equal(["b", "c"], model.AliasNames.Order());
        Assert.Same(kept, model.Aliases.Single(a => a.Name == "b"));
    }
}
