using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace OmniaKey.Infrastructure.Web;

/// <summary>
/// Writes errors on <c>/v1</c> in OpenAI's shape, <c>{"error":{"message","type","param","code"}}</c>, so that the
/// official SDKs raise the right exception class. <c>x-omniakey-error-source</c> tells our errors from upstream ones.
/// </summary>
public static class OpenAiError
{
    public const string SourceHeader = "x-omniakey-error-source";

    public static Task WriteAsync(
        HttpContext context,
        int status,
        string type,
        string? code,
        string message,
        string? param = null,
        string source = "gateway",
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        context.Response.StatusCode = status;
        context.Response.Headers[SourceHeader] = source;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(Serialize(type, code, message, param, metadata), context.RequestAborted);
    }

    /// <summary>The error object alone, e.g. for an SSE event when a stream fails after it started.</summary>
    public static string Serialize(string type, string? code, string message, string? param = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        JsonSerializer.Serialize(new ErrorEnvelope(new ErrorBody(message, type, param, code, metadata)), OpenAiErrorJsonContext.Default.ErrorEnvelope);

    /// <summary>The 404 OpenAI answers for a model that does not exist or is not available to the caller.</summary>
    public static Task ModelNotFound(HttpContext context, string model) =>
        WriteAsync(context, StatusCodes.Status404NotFound, "invalid_request_error", "model_not_found", $"The model `{model}` does not exist or you do not have access to it.", "model");

    public static Task InvalidRequest(HttpContext context, string message, string? param, string? code = null) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, "invalid_request_error", code, message, param);

    public sealed record ErrorEnvelope(ErrorBody Error);

    public sealed record ErrorBody(
        string Message,
        string Type,
        string? Param,
        string? Code,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyDictionary<string, string>? Metadata);
}
