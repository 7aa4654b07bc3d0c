using FluentValidation;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Billing.Application.Usage.KeyUsage;

internal sealed class GetKeyUsageQueryValidator : AbstractValidator<GetKeyUsageQuery>
{
    /// <summary>A page of keys at most; the ids become query parameters.</summary>
    public const int MaxKeys = 200;

    public GetKeyUsageQueryValidator() => RuleFor(q => q.KeyIds.Count).LessThanOrEqualTo(MaxKeys).OverridePropertyName("key_ids");
}
