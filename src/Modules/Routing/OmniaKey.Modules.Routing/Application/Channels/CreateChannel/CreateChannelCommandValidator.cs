using FluentValidation;
using OmniaKey.Modules.Routing.Domain.Providers;

namespace OmniaKey.Modules.Routing.Application.Channels.CreateChannel;

internal sealed class CreateChannelCommandValidator : AbstractValidator<CreateChannelCommand>
{
    public CreateChannelCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Provider).Must(ProviderNames.IsKnown).WithMessage("must be one of openai, anthropic, gemini.");
        RuleFor(c => c.BaseUrl).ValidBaseUrl();
        RuleFor(c => c.Credential).NotEmpty().MaximumLength(4000);
        RuleFor(c => c.Priority).ValidPriority();
        RuleFor(c => c.Weight).ValidWeight();
        RuleFor(c => c.Models).ValidModels();
    }
}
