using FluentValidation;
using OmniaKey.Modules.Routing.Application.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Domain.Promotions;

namespace OmniaKey.Modules.Routing.Application.Promotions;

/// <summary>What a promotion is made of, as the create and replace commands carry it.</summary>
internal interface IPromotionInput
{
    string Name { get; }

    string? Provider { get; }

    string? ModelPattern { get; }

    int? DiscountBasisPoints { get; }

    DateTimeOffset? StartsAt { get; }

    DateTimeOffset? EndsAt { get; }
}

/// <summary>The rules shared by the create and replace validators (docs/adr/0007-promotion-pricing.md).</summary>
internal static class PromotionRules
{
    public static void AddPromotionRules<T>(this AbstractValidator<T> validator)
        where T : IPromotionInput
    {
        validator.RuleFor(c => c.Name).NotEmpty().MaximumLength(200);
        validator.RuleFor(c => c.Provider).KnownProvider().When(c => c.Provider is not null);
        validator.RuleFor(c => c.ModelPattern)
            .NotNull()
            .When(c => c.Provider is null)
            .WithMessage("is required when provider is not given: a promotion applies to a provider, to the model ids matching a pattern, or to both");
        validator.RuleFor(c => c.ModelPattern)
            .NotEmpty()
            .MaximumLength(CatalogRules.MaxNameLength)
            .Matches(ModelPattern.Syntax)
            .WithMessage("must be a model id glob of lower-case letters, digits, . _ : / - and the wildcards * and ?, such as \"gpt-*\"")
            .When(c => c.ModelPattern is not null);
        validator.RuleFor(c => c.DiscountBasisPoints)
            .NotNull()
            .InclusiveBetween(Discount.MinBasisPoints, Discount.MaxBasisPoints)
            .WithMessage("must be a whole number of basis points from 1 (0.01 % off) to 10000 (100 % off); 9500 is 95 % off");
        validator.RuleFor(c => c.StartsAt).NotNull();
        validator.RuleFor(c => c.EndsAt)
            .NotNull()
            .Must((c, endsAt) => endsAt is null || c.StartsAt is null || endsAt > c.StartsAt)
            .WithMessage("must be after starts_at");
    }
}
