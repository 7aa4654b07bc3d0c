using FluentValidation;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUp;

internal sealed class SignUpCommandValidator : AbstractValidator<SignUpCommand>
{
    public SignUpCommandValidator()
    {
        RuleFor(c => c.Email).ValidEmail();
        RuleFor(c => c.Password).NotEmpty().MinimumLength(10).MaximumLength(200);
        RuleFor(c => c.Country).ValidCountry();
        RuleFor(c => c.TermsVersion).NotEmpty().MaximumLength(32);
        RuleFor(c => c.EligibilityConfirmed).Equal(true)
            .WithMessage("must be true: confirm that you are not located in or resident of the Restricted Territory (Terms §2)");
    }
}
