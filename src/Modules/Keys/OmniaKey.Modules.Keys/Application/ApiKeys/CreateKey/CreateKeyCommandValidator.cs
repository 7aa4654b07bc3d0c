using FluentValidation;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;

internal sealed class CreateKeyCommandValidator : AbstractValidator<CreateKeyCommand>
{
    public CreateKeyCommandValidator() => RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
}
