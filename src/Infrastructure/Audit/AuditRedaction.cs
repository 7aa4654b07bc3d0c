using System.Text.Json;
using System.Text.Json.Nodes;

namespace OmniaKey.Infrastructure.Audit;

/// <summary>
/// Turns what an admin request carried or returned into compact JSON for the audit trail, with every secret replaced
/// by <c>"[redacted]"</c>: any property whose snake_case name is <c>key</c> or <c>api_key</c>, or has a word
/// <c>password</c>, <c>secret</c>, <c>token</c>, <c>credential(s)</c> or <c>authorization</c> (so a channel's
/// <c>credential</c>, a password or an access token never reach the table; <c>max_tokens</c> and
/// <c>idempotency_key</c> stay readable).
/// </summary>
internal static class AuditRedaction
{
    public const string Redacted = "[redacted]";

    private const int MaximumLength = 8_000;

    private static readonly HashSet<string> SecretWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "secret", "token", "credential", "credentials", "authorization", "apikey",
    };

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static bool IsSecret(string propertyName)
    {
        var name = JsonNamingPolicy.SnakeCaseLower.ConvertName(propertyName);
        return name is "key" or "api_key" || name.Split('_').Any(SecretWords.Contains);
    }

    /// <summary>The value as redacted JSON, or null when it has none; cut short (and marked so) past 8,000 characters.</summary>
    public static string? ToJson(object? value)
    {
        if (value is null)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = value as JsonNode ?? JsonSerializer.SerializeToNode(value, value.GetType(), Json);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            // What cannot be written as JSON is named, never dumped.
            node = JsonValue.Create($"<{value.GetType().Name}>");
        }

        Redact(node);
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= MaximumLength ? text : JsonValue.Create(text[..MaximumLength] + "…(truncated)")!.ToJsonString();
    }

    private static void Redact(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    if (IsSecret(name))
                    {
                        obj[name] = obj[name] is null ? null : JsonValue.Create(Redacted);
                    }
                    else
                    {
                        Redact(obj[name]);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Redact(item);
                }

                break;
        }
    }
}
