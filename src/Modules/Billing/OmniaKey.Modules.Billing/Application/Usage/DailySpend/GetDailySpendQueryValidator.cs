using FluentValidation;

namespace OmniaKey.Modules.Billing.Application.Usage.DailySpend;

internal sealed class GetDailySpendQueryValidator : AbstractValidator<GetDailySpendQuery>
{
    public GetDailySpendQueryValidator() =>
        RuleFor(q => q.Days).InclusiveBetween(1, GetDailySpendQuery.MaximumDays).OverridePropertyName("days");
}
