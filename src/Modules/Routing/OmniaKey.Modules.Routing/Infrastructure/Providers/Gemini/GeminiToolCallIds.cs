namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// The OpenAI tool-call ids the gateway gives Gemini's function calls. Gemini (before 3.x) has no call ids, and on
/// 2.5+ a call may carry an opaque <c>thoughtSignature</c> that must be sent back with that call on the next turn
/// (docs/providers.md#gemini-tool-call-ids). The gateway is stateless between requests, so the signature travels inside the id:
/// <c>call_&lt;24 hex&gt;</c>, followed by <c>__thought__&lt;signature&gt;</c> when Gemini sent one. Clients echo ids
/// verbatim in the assistant message and in the tool results, which is all the round trip needs.
/// </summary>
internal static class GeminiToolCallIds
{
    public const string SignatureSeparator = "__thought__";

    public static string Create(string? thoughtSignature)
    {
        Span<char> hex = stackalloc char[32];
        Guid.NewGuid().TryFormat(hex, out _, "N");
        return string.IsNullOrEmpty(thoughtSignature)
            ? string.Concat("call_", hex[..24])
            : string.Concat("call_", hex[..24], SignatureSeparator, thoughtSignature);
    }

    /// <summary>The thought signature carried by an id, or null (ids from other providers or clients carry none).</summary>
    public static string? SignatureOf(string id)
    {
        var at = id.IndexOf(SignatureSeparator, StringComparison.Ordinal);
        return at < 0 || at + SignatureSeparator.Length == id.Length ? null : id[(at + SignatureSeparator.Length)..];
    }
}
