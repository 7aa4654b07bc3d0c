using FluentValidation;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;

internal sealed class RotateKeyCommandValidator : AbstractValidator<RotateKeyCommand>
{
    public RotateKeyCommandValidator() =>
        RuleFor(c => c.OverlapSeconds)
            .InclusiveBetween(0, RotateKeyCommand.MaxOverlapSeconds)
            .WithMessage($"must be a whole number of seconds from 0 to {RotateKeyCommand.MaxOverlapSeconds}.")
            .OverridePropertyName("overlap_seconds");
}
