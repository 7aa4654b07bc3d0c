using FluentValidation;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.UpdateKey;

internal sealed class UpdateKeyCommandValidator : AbstractValidator<UpdateKeyCommand>
{
    public UpdateKeyCommandValidator(TimeProvider clock)
    {
        When(c => c.Name.IsSet, () => RuleFor(c => c.Name.Value).NotEmpty().MaximumLength(100).OverridePropertyName("name"));
        RuleFor(c => c.Limits).Custom((limits, context) =>
        {
            foreach (var error in KeyLimitsRules.Check(limits, clock.GetUtcNow()))
            {
                context.AddFailure(error.Field, error.Message);
            }
        });
    }
}
