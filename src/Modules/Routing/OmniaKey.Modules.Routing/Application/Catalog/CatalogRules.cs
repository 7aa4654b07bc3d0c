using FluentValidation;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Routing.Domain.Providers;

namespace OmniaKey.Modules.Routing.Application.Catalog;

/// <summary>Field rules shared by the create and update validators.</summary>
internal static class CatalogRules
{
    /// <summary>Model ids and aliases: lower-case, as providers spell them, and safe in a URL path.</summary>
    public const string NameSyntax = "^[a-z0-9][a-z0-9._:/-]*$";

    public const int MaxNameLength = 100;

    public const int MaxAliases = 20;

    /// <summary>A ceiling far above any real price that keeps every cost computation far from overflow.</summary>
    public static readonly Money MaxPricePerMillion = Money.Parse("100000");

    public static IRuleBuilderOptions<T, string?> ValidModelName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .MaximumLength(MaxNameLength)
            .Matches(NameSyntax)
            .WithMessage("must be lower-case letters, digits and . _ : / - (starting with a letter or digit), such as \"gpt-4o\"");

    public static IRuleBuilderOptions<T, string?> KnownProvider<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(ProviderNames.IsKnown).WithMessage($"must be one of: {string.Join(", ", ProviderNames.All)}");

    public static IRuleBuilderOptions<T, string?> ValidUpstreamModel<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty()
            .MaximumLength(200)
            .Must(m => m is null || !m.Any(char.IsWhiteSpace))
            .WithMessage("must not contain white space");

    public static IRuleBuilderOptions<T, string?> ValidPrice<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(BeAPrice).WithMessage(
            $"must be a decimal string of USD per million tokens from 0 to {MaxPricePerMillion}, with at most 9 decimal places, such as \"2.5\"");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> DistinctNames<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(names => names is null || names.Distinct(StringComparer.Ordinal).Count() == names.Count)
            .WithMessage("must not name the same alias twice")
            .Must(names => names is null || names.Count <= MaxAliases)
            .WithMessage($"must hold at most {MaxAliases} aliases");

    /// <summary>A per-part input maximum: a whole number of tokens, 0 (the part is free) or more.</summary>
    public static IRuleBuilderOptions<T, int?> ValidPartTokens<T>(this IRuleBuilder<T, int?> rule) =>
        rule.GreaterThanOrEqualTo(0).WithMessage("must be a whole number of tokens, 0 or more");

    public static TokenPrice ToTokenPrice(string price) => TokenPrice.PerMillion(Money.Parse(price));

    private static bool BeAPrice(string? price) =>
        price is null || (Money.TryParse(price, out var money, out _) && !money.IsNegative && money <= MaxPricePerMillion);
}
