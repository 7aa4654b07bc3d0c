using FluentValidation;
using MediatR;
using OmniaKey.Application.Exceptions;

namespace OmniaKey.Application.Behaviors;

/// <summary>Runs every validator of the request and reports all their errors at once, before the handler runs.</summary>
internal sealed class ValidationBehavior<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var errors = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(request, cancellationToken).ConfigureAwait(false);
            errors.AddRange(result.Errors.Select(e => new FieldError(SnakeCase.Convert(e.PropertyName), e.ErrorMessage)));
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return await next().ConfigureAwait(false);
    }
}
