using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>The message, type and code of an upstream error body, whatever its shape.</summary>
internal sealed record UpstreamErrorBody(string Message, string Type, string? Code)
{
    public static UpstreamErrorBody Parse(string body, int status)
    {
        try
        {
            if (JsonNode.Parse(body)?["error"] is JsonObject error)
            {
                return new UpstreamErrorBody(
                    error["message"]?.GetValue<string>() ?? $"The upstream answered HTTP {status}.",
                    error["type"]?.GetValue<string>() ?? "upstream_error",
                    error["code"] is JsonValue code && code.TryGetValue<string>(out var text) ? text : null);
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            // Not JSON, or not the expected shape: fall through to the generic message.
        }

        return new UpstreamErrorBody($"The upstream answered HTTP {status}.", "upstream_error", null);
    }
}
