namespace OmniaKey.Application.Exceptions;

/// <summary>One or more fields of a request are invalid. Every error names its field.</summary>
public sealed class RequestValidationException(IReadOnlyList<FieldError> errors)
    : AppException("invalid_request", BuildMessage(errors))
{
    public RequestValidationException(string field, string message)
        : this([new FieldError(field, message)])
    {
    }

    public IReadOnlyList<FieldError> Errors { get; } = errors;

    private static string BuildMessage(IReadOnlyList<FieldError> errors) =>
        string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}"));
}

public sealed record FieldError(string Field, string Message);
