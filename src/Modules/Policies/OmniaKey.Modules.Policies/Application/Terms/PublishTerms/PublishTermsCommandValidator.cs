using FluentValidation;

namespace OmniaKey.Modules.Policies.Application.Terms.PublishTerms;

internal sealed class PublishTermsCommandValidator : AbstractValidator<PublishTermsCommand>
{
    /// <summary>Letters, digits, '.', '_' and '-', starting with a letter or digit: safe in a URL path and a subject line.</summary>
    public const string VersionPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$";

    public const int MaxTextLength = 200_000;

    public PublishTermsCommandValidator()
    {
        RuleFor(c => c.Version).NotEmpty().MaximumLength(32)
            .Matches(VersionPattern).WithMessage("must start with a letter or digit and use only letters, digits, '.', '_' and '-'");
        RuleFor(c => c.EffectiveAt).NotNull();
        RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("must not be empty")
            .MaximumLength(MaxTextLength);
    }
}
