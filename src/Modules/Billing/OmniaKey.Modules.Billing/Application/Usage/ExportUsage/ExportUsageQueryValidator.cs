using FluentValidation;

namespace OmniaKey.Modules.Billing.Application.Usage.ExportUsage;

internal sealed class ExportUsageQueryValidator : AbstractValidator<ExportUsageQuery>
{
    public ExportUsageQueryValidator() => Include(new UsageFilterValidator());
}
