using FluentValidation;

namespace OmniaKey.Modules.Routing.Application.Catalog.CreateModel;

/// <summary>Every field is required except aliases and enabled; all four prices must be given ("0" for free).</summary>
internal sealed class CreateModelCommandValidator : AbstractValidator<CreateModelCommand>
{
    public CreateModelCommandValidator()
    {
        RuleFor(c => c.Id).ValidModelName();
        RuleForEach(c => c.Aliases).ValidModelName();
        RuleFor(c => c.Aliases).DistinctNames()
            .Must((c, aliases) => aliases is null || !aliases.Contains(c.Id, StringComparer.Ordinal))
            .WithMessage("must not contain the model's own id");
        RuleFor(c => c.Provider).KnownProvider();
        RuleFor(c => c.UpstreamModel).ValidUpstreamModel();
        RuleFor(c => c.ContextWindow).NotNull().GreaterThan(0);
        RuleFor(c => c.MaxOutputTokens).NotNull().GreaterThan(0)
            .Must((c, max) => max is null || c.ContextWindow is null || max <= c.ContextWindow)
            .WithMessage("must not exceed context_window");

        // A missing price is refused rather than read as free: a forgotten cache price would give tokens away.
        RuleFor(c => c.Pricing).NotNull()
            .WithMessage("is required, with input_per_million_usd, output_per_million_usd, cache_read_per_million_usd and cache_write_per_million_usd");
        RuleFor(c => c.ImageInputMaxTokens).ValidPartTokens();
        RuleFor(c => c.AudioInputMaxTokens).ValidPartTokens();
        RuleFor(c => c.FileInputMaxTokens).ValidPartTokens();
        When(c => c.Pricing is not null, () =>
        {
            RuleFor(c => c.Pricing!.InputPerMillionUsd).NotNull().ValidPrice();
            RuleFor(c => c.Pricing!.OutputPerMillionUsd).NotNull().ValidPrice();
            RuleFor(c => c.Pricing!.CacheReadPerMillionUsd).NotNull().ValidPrice();
            RuleFor(c => c.Pricing!.CacheWritePerMillionUsd).NotNull().ValidPrice();
        });
    }
}
