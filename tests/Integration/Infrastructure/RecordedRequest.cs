using System.Text.Json.Nodes;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>A request the fake upstream received, as it arrived on the wire.</summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string Body,
    JsonNode? Json,
    IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>The raw <c>Authorization</c> header, e.g. <c>Bearer sk-…</c>; null when absent.</summary>
    public string? Authorization => Headers.GetValueOrDefault("Authorization");

    /// <summary>The <c>model</c> field of a JSON body, if it is a string.</summary>
    public string? Model => Value<string>(Json as JsonObject, "model");

    /// <summary>Whether the body asked for a stream (<c>"stream": true</c>).</summary>
    public bool IsStreaming => Value<bool>(Json as JsonObject, "stream");

    /// <summary>Whether the body asked for the usage chunk (<c>stream_options.include_usage: true</c>).</summary>
    public bool IncludeUsage => Value<bool>((Json as JsonObject)?["stream_options"] as JsonObject, "include_usage");

    internal static T? Value<T>(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue(out T? result) ? result : default;
}
