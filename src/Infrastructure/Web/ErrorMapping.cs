using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OmniaKey.Application.Exceptions;
using OmniaKey.Domain.Primitives;

namespace OmniaKey.Infrastructure.Web;

/// <summary>The one table that turns an exception into an HTTP status, a stable code and a message.</summary>
public static class ErrorMapping
{
    public static MappedError Map(Exception exception) => exception switch
    {
        RequestValidationException e => new(StatusCodes.Status400BadRequest, "invalid_request", e.Message, e.Errors),
        NotFoundException e => new(StatusCodes.Status404NotFound, e.Code, e.Message),
        ConflictException e => new(StatusCodes.Status409Conflict, e.Code, e.Message),
        ForbiddenException e => new(StatusCodes.Status403Forbidden, e.Code, e.Message),
        UnauthorizedException e => new(StatusCodes.Status401Unauthorized, e.Code, e.Message),
        PaymentRequiredException e => new(StatusCodes.Status402PaymentRequired, e.Code, e.Message),
        TooManyRequestsException e => new(StatusCodes.Status429TooManyRequests, e.Code, e.Message),
        ServiceUnavailableException e => new(StatusCodes.Status503ServiceUnavailable, e.Code, e.Message),
        BusinessRuleViolationException e => new(StatusCodes.Status422UnprocessableEntity, e.Code, e.Message),
        BadHttpRequestException { InnerException: JsonException json } => new(StatusCodes.Status400BadRequest, "invalid_json", $"The request body is not valid JSON: {json.Message}"),
        BadHttpRequestException e => new(e.StatusCode, "bad_request", e.Message),
        JsonException e => new(StatusCodes.Status400BadRequest, "invalid_json", $"The request body is not valid JSON: {e.Message}"),
        _ => new(StatusCodes.Status500InternalServerError, "internal_error", "An unexpected error occurred."),
    };
}

public sealed record MappedError(int Status, string Code, string Message, IReadOnlyList<FieldError>? Errors = null);
