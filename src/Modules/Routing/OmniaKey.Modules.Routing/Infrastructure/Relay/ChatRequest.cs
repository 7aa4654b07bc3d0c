using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// The parts of a chat completion request the gateway itself needs, validated; of the rest, each provider adapter
/// forwards only the fields it allows (docs/adr/0016-forward-only-what-we-price.md).
/// </summary>
internal sealed record ChatRequest(JsonObject Body, string Model, bool Stream, bool ClientWantsUsage, long? MaxOutputTokens, int Choices)
{
    private static readonly HashSet<string> Roles = ["developer", "system", "user", "assistant", "tool", "function"];

    /// <summary>
    /// The caller's pseudonym for providers, set at admission; adapters write it wherever a provider takes an end-user
    /// identifier, instead of the client's own <c>user</c>. Without one (a request not yet admitted) none is sent.
    /// </summary>
    public UpstreamIdentity? Identity { get; init; }

    /// <summary>
    /// The image, audio and file parts of the prompt at the model's maximum for each kind (set at admission from the
    /// catalogue). A tokenizer cannot count them, so an estimate of the input made without the provider's usage adds
    /// them to the counted text: every input part is charged.
    /// </summary>
    public long MediaInputTokens { get; init; }

    /// <summary>Validates the body; on failure returns the offending parameter and the reason.</summary>
    public static (ChatRequest? Request, string? Param, string? Error) Read(JsonNode? node)
    {
        if (node is not JsonObject body)
        {
            return (null, null, "The request body must be a JSON object.");
        }

        if (body["model"] is not JsonValue modelValue || !modelValue.TryGetValue<string>(out var model) || string.IsNullOrWhiteSpace(model))
        {
            return (null, "model", "you must provide a model parameter");
        }

        if (body["messages"] is not JsonArray messages || messages.Count == 0)
        {
            return (null, "messages", "'messages' must be a non-empty array.");
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i] is not JsonObject message || message["role"] is not JsonValue role
                || !role.TryGetValue<string>(out var roleName) || !Roles.Contains(roleName))
            {
                return (null, $"messages[{i}].role", $"messages[{i}] must be an object with a role of developer, system, user, assistant or tool.");
            }
        }

        if (!TryReadBool(body, "stream", out var stream))
        {
            return (null, "stream", "'stream' must be a boolean.");
        }

        if (body["stream_options"] is not null && !stream)
        {
            return (null, "stream_options", "The 'stream_options' parameter is only allowed when 'stream' is enabled.");
        }

        var includeUsage = body["stream_options"]?["include_usage"] is JsonValue u && u.TryGetValue<bool>(out var wants) && wants;
        if (!TryReadPositive(body, "max_completion_tokens", out var maxCompletion))
        {
            return (null, "max_completion_tokens", "'max_completion_tokens' must be a positive integer.");
        }

        if (!TryReadPositive(body, "max_tokens", out var maxTokens))
        {
            return (null, "max_tokens", "'max_tokens' must be a positive integer.");
        }

        if (!TryReadPositive(body, "n", out var n) || n > 128)
        {
            return (null, "n", "'n' must be an integer from 1 to 128.");
        }

        return (new ChatRequest(body, model, stream, includeUsage, maxCompletion ?? maxTokens, (int)(n ?? 1)), null, null);
    }

    /// <summary>
    /// The request with its output capped at <paramref name="maxOutputTokens"/> per choice, for a client that set no
    /// limit and whose balance cannot pay for the model's default. Adapters that build their own body read
    /// <see cref="MaxOutputTokens"/>; the OpenAI adapter copies its fields from <see cref="Body"/>, so the cap is written there
    /// too, as <c>max_completion_tokens</c> (the field every current OpenAI chat model accepts). The body is this
    /// call's own parse, so it is changed in place rather than copied.
    /// </summary>
    public ChatRequest WithOutputCap(long maxOutputTokens)
    {
        Body.Remove("max_tokens");
        Body["max_completion_tokens"] = maxOutputTokens;
        return this with { MaxOutputTokens = maxOutputTokens };
    }

    private static bool TryReadBool(JsonObject body, string name, out bool value)
    {
        value = false;
        var node = body[name];
        return node is null || (node is JsonValue v && v.TryGetValue(out value));
    }

    private static bool TryReadPositive(JsonObject body, string name, out long? value)
    {
        value = null;
        var node = body[name];
        if (node is null)
        {
            return true;
        }

        if (node is JsonValue v && v.TryGetValue<long>(out var number) && number > 0)
        {
            value = number;
            return true;
        }

        return false;
    }
}
