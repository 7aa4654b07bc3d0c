using FluentValidation;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;

internal sealed class ListKeysQueryValidator : AbstractValidator<ListKeysQuery>
{
    public ListKeysQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, ListKeysQuery.MaxLimit).When(q => q.Limit is not null);
        RuleFor(q => q.Cursor).Must(c => KeyCursor.TryDecode(c, out _)).WithMessage("is not a cursor this service issued.");
    }
}
