using FluentValidation;

namespace OmniaKey.Modules.Routing.Application.Channels.UpdateChannel;

internal sealed class UpdateChannelCommandValidator : AbstractValidator<UpdateChannelCommand>
{
    public UpdateChannelCommandValidator()
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(100).When(c => c.Name is not null);
        RuleFor(c => c.BaseUrl).NotEmpty().ValidBaseUrl().When(c => c.BaseUrl is not null);
        RuleFor(c => c.Credential).NotEmpty().MaximumLength(4000).When(c => c.Credential is not null);
        RuleFor(c => c.Priority).ValidPriority();
        RuleFor(c => c.Weight).ValidWeight();
        RuleFor(c => c.Models).ValidModels();
    }
}
