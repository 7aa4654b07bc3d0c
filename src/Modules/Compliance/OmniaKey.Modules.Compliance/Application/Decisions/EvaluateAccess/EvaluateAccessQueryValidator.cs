using FluentValidation;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Compliance.Application.Decisions.EvaluateAccess;

internal sealed class EvaluateAccessQueryValidator : AbstractValidator<EvaluateAccessQuery>
{
    /// <summary>The surfaces judged on request; <c>/v1</c> calls go through the in-memory gate, payments through their event.</summary>
    private static readonly string[] Surfaces = [AccessSurfaces.SignUp, AccessSurfaces.LogIn, AccessSurfaces.Checkout];

    public EvaluateAccessQueryValidator() =>
        RuleFor(q => q.Surface).Must(Surfaces.Contains).WithMessage($"must be one of {string.Join(", ", Surfaces)}");
}
