using FluentValidation;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;

internal sealed class CreateKeyCommandValidator : AbstractValidator<CreateKeyCommand>
{
    public CreateKeyCommandValidator(TimeProvider clock)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Limits).Custom((limits, context) =>
        {
            foreach (var error in KeyLimitsRules.Check(limits ?? KeyLimitsPatch.None, clock.GetUtcNow()))
            {
                context.AddFailure(error.Field, error.Message);
            }
        });
    }
}
