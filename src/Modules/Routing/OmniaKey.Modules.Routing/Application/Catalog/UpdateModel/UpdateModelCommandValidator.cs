using FluentValidation;

namespace OmniaKey.Modules.Routing.Application.Catalog.UpdateModel;

/// <summary>Validates the fields that are present; limits are checked against each other once merged (handler).</summary>
internal sealed class UpdateModelCommandValidator : AbstractValidator<UpdateModelCommand>
{
    public UpdateModelCommandValidator()
    {
        RuleFor(c => c.Id).NotEmpty();
        RuleForEach(c => c.Aliases).ValidModelName();
        RuleFor(c => c.Aliases).DistinctNames()
            .Must((c, aliases) => aliases is null || !aliases.Contains(c.Id, StringComparer.Ordinal))
            .WithMessage("must not contain the model's own id");
        RuleFor(c => c.Provider).KnownProvider().When(c => c.Provider is not null);
        RuleFor(c => c.UpstreamModel).ValidUpstreamModel().When(c => c.UpstreamModel is not null);
        RuleFor(c => c.ContextWindow).GreaterThan(0);
        RuleFor(c => c.MaxOutputTokens).GreaterThan(0);
        RuleFor(c => c.ImageInputMaxTokens).ValidPartTokens();
        RuleFor(c => c.AudioInputMaxTokens).ValidPartTokens();
        RuleFor(c => c.FileInputMaxTokens).ValidPartTokens();
        When(c => c.Pricing is not null, () =>
        {
            RuleFor(c => c.Pricing!.InputPerMillionUsd).ValidPrice();
            RuleFor(c => c.Pricing!.OutputPerMillionUsd).ValidPrice();
            RuleFor(c => c.Pricing!.CacheReadPerMillionUsd).ValidPrice();
            RuleFor(c => c.Pricing!.CacheWritePerMillionUsd).ValidPrice();
        });
    }
}
