using OmniaKey.Application;
using OmniaKey.Modules.Routing.Application.Catalog;
using OmniaKey.Modules.Routing.Application.Catalog.CreateModel;
using OmniaKey.Modules.Routing.Application.Catalog.UpdateModel;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Catalog;

/// <summary>Every refusal names the field as clients spell it (nested prices included) and says why.</summary>
public sealed class ModelValidatorTests
{
    private static readonly ModelPricingInput Prices = new("3", "15", "0.3", "3.75");

    private static readonly CreateModelCommand Valid = new(
        "claude-sonnet-4-5", ["claude-sonnet-4-5-20250929", "sonnet"], "anthropic", "claude-sonnet-4-5-20250929", 200_000, 64_000, Prices, null, null, null, true);

    [Fact]
    public void A_complete_model_is_valid()
    {
        Assert.Empty(Errors(Valid));
        Assert.Empty(Errors(Valid with { Aliases = [], Pricing = new("0", "0", "0", "0") }));
        Assert.Empty(Errors(Valid with { Id = "models/gemini-2.5-pro", Provider = "gemini" }));
        Assert.Empty(Errors(Valid with { Pricing = Prices with { InputPerMillionUsd = "0.000000001" } }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GPT-4o")]
    [InlineData("gpt 4o")]
    [InlineData("-gpt")]
    [InlineData("gpt-4o?")]
    public void Malformed_ids_are_refused(string id) =>
        Assert.Contains(Errors(Valid with { Id = id }), e => e.Field == "id");

    [Fact]
    public void Unknown_providers_name_the_known_ones() =>
        Assert.Equal("must be one of: openai, anthropic, gemini", Assert.Single(Errors(Valid with { Provider = "mistral" })).Message);

    [Theory]
    [InlineData("-1", "pricing.input_per_million_usd")]
    [InlineData("1e3", "pricing.input_per_million_usd")]
    [InlineData("0.0000000001", "pricing.input_per_million_usd")]
    [InlineData("100000.000000001", "pricing.input_per_million_usd")]
    [InlineData("", "pricing.input_per_million_usd")]
    [InlineData(" 2", "pricing.input_per_million_usd")]
    public void Prices_that_are_not_exact_non_negative_decimal_strings_are_refused(string price, string field)
    {
        var error = Assert.Single(Errors(Valid with { Pricing = Prices with { InputPerMillionUsd = price } }));
        Assert.Equal(field, error.Field);
        Assert.Contains("decimal string", error.Message);
    }

    [Fact]
    public void Every_price_is_required_on_creation_and_each_missing_one_is_named()
    {
        var fields = Errors(Valid with { Pricing = new("1", null, null, "0") }).Select(e => e.Field);
        Assert.Equal(new[] { "pricing.cache_read_per_million_usd", "pricing.output_per_million_usd" }, fields.Order());
        Assert.Equal("pricing", Assert.Single(Errors(Valid with { Pricing = null })).Field);
    }

    [Fact]
    public void Limits_must_be_positive_and_output_must_fit_the_context()
    {
        Assert.Equal("max_output_tokens", Assert.Single(Errors(Valid with { MaxOutputTokens = 200_001 })).Field);
        Assert.Equal("context_window", Assert.Single(Errors(Valid with { ContextWindow = 0, MaxOutputTokens = null }), e => e.Field == "context_window").Field);
        Assert.Contains(Errors(Valid with { MaxOutputTokens = null }), e => e.Field == "max_output_tokens");
    }

    [Fact]
    public void Per_part_input_maxima_are_optional_whole_numbers_of_tokens_and_refusals_name_the_field()
    {
        Assert.Empty(Errors(Valid with { ImageInputMaxTokens = 0, AudioInputMaxTokens = 1600, FileInputMaxTokens = 200_000 }));
        Assert.Equal("image_input_max_tokens", Assert.Single(Errors(Valid with { ImageInputMaxTokens = -1 })).Field);
        Assert.Equal("audio_input_max_tokens", Assert.Single(Errors(Valid with { AudioInputMaxTokens = -1 })).Field);
        var update = new UpdateModelCommand("gpt-4o", null, null, null, null, null, null, null, null, -5, null);
        var error = Assert.Single(UpdateErrors(update));
        Assert.Equal("file_input_max_tokens", error.Field);
        Assert.Equal("must be a whole number of tokens, 0 or more", error.Message);
    }

    [Fact]
    public void Aliases_must_be_well_formed_distinct_and_not_the_models_own_id()
    {
        Assert.Equal("aliases[1]", Assert.Single(Errors(Valid with { Aliases = ["ok", "Not OK"] })).Field);
        Assert.Equal("must not name the same alias twice", Assert.Single(Errors(Valid with { Aliases = ["a", "a"] })).Message);
        Assert.Equal("must not contain the model's own id", Assert.Single(Errors(Valid with { Aliases = [Valid.Id] })).Message);
        Assert.Equal("aliases", Assert.Single(Errors(Valid with { Aliases = [.. Enumerable.Range(0, 21).Select(i => $"a{i}")] })).Field);
    }

    [Fact]
    public void An_update_checks_only_the_fields_it_carries()
    {
        var empty = new UpdateModelCommand("gpt-4o", null, null, null, null, null, null, null, null, null, null);
        Assert.Empty(UpdateErrors(empty));
        Assert.Empty(UpdateErrors(empty with { Pricing = new("0.1", null, null, null) }));
        Assert.Equal("pricing.cache_write_per_million_usd", Assert.Single(UpdateErrors(empty with { Pricing = new(null, null, null, "-0.1") })).Field);
        Assert.Equal("provider", Assert.Single(UpdateErrors(empty with { Provider = "" })).Field);
        Assert.Equal("upstream_model", Assert.Single(UpdateErrors(empty with { UpstreamModel = "gpt 4o" })).Field);
        Assert.Equal("max_output_tokens", Assert.Single(UpdateErrors(empty with { MaxOutputTokens = 0 })).Field);
        Assert.Equal("aliases", Assert.Single(UpdateErrors(empty with { Aliases = ["gpt-4o"] })).Field);
    }

    private static List<(string Field, string Message)> Errors(CreateModelCommand command) =>
        [.. new CreateModelCommandValidator().Validate(command).Errors.Select(e => (SnakeCase.Convert(e.PropertyName), e.ErrorMessage))];

    private static List<(string Field, string Message)> UpdateErrors(UpdateModelCommand command) =>
        [.. new UpdateModelCommandValidator().Validate(command).Errors.Select(e => (SnakeCase.Convert(e.PropertyName), e.ErrorMessage))];
}
