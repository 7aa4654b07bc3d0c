using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>The text of an OpenAI <c>chat.completion</c>: every choice's message content, in order.</summary>
internal static class CompletionText
{
    public static string Of(JsonObject completion) =>
        string.Concat((completion["choices"] as JsonArray ?? []).Select(c => c?["message"]?["content"]?.ToString()));
}
