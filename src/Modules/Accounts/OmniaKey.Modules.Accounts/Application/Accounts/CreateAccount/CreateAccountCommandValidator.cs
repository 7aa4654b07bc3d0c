using FluentValidation;

namespace OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;

internal sealed class CreateAccountCommandValidator : AbstractValidator<CreateAccountCommand>
{
    public CreateAccountCommandValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Country).ValidCountry();
    }
}
