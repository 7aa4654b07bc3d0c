using FluentValidation;

namespace OmniaKey.Modules.Billing.Application.Usage;

/// <summary>The filter rules every usage query includes; errors name the query parameter (<c>key_id</c>, <c>from</c>, …).</summary>
internal sealed class UsageFilterValidator : AbstractValidator<IUsageFilterQuery>
{
    public const int MaximumModelLength = 200;

    public UsageFilterValidator()
    {
        RuleFor(q => q.KeyId)
            .Must(k => UsageFilterText.TryParseKeyId(k, out _))
            .WithMessage("must be the id of an API key (a UUID)");
        RuleFor(q => q.Model)
            .Must(m => !string.IsNullOrWhiteSpace(m) && m.Length <= MaximumModelLength)
            .When(q => q.Model is not null)
            .WithMessage($"must be a model id of at most {MaximumModelLength} characters");
        RuleFor(q => q.From)
            .Must(t => UsageFilterText.TryParseTime(t, out _))
            .WithMessage("must be an ISO 8601 date or time, e.g. 2026-05-30 or 2026-05-30T12:00:00Z");
        RuleFor(q => q.To)
            .Must(t => UsageFilterText.TryParseTime(t, out _))
            .WithMessage("must be an ISO 8601 date or time, e.g. 2026-05-30 or 2026-05-30T12:00:00Z");
        RuleFor(q => q.To)
            .Must((q, to) => !UsageFilterText.TryParseTime(q.From, out var from) || !UsageFilterText.TryParseTime(to, out var until)
                || from is null || until is null || until > from)
            .WithMessage("must be later than 'from'");
    }
}
