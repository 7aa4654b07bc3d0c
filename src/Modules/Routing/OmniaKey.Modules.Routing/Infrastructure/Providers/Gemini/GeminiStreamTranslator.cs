using System.Text;
using System.Text.Json;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;

/// <summary>
/// Gemini <c>streamGenerateContent?alt=sse</c> events → OpenAI chunks (docs/providers.md#gemini-streaming). Every event is a
/// whole <c>GenerateContentResponse</c> whose text is a delta; function calls arrive whole and become a header delta
/// (index counting tool calls only, id, name) followed by one delta with all the arguments. <c>usageMetadata</c> is
/// cumulative, so the last one seen is the usage. The event carrying <c>finishReason</c> is the normal end (Gemini
/// sends no <c>[DONE]</c>). A <c>{"error":…}</c> body — as an event or as raw text — ends the stream as an error.
/// </summary>
internal sealed class GeminiStreamTranslator(TranslationContext context) : IStreamTranslator
{
    private readonly StringBuilder delivered = new();
    private readonly StringBuilder text = new();
    private readonly List<GeminiFunctionCall> calls = [];
    private bool started;
    private int toolCallCount;

    public string ResponseId => context.CompletionId;

    public TokenUsage? Usage { get; private set; }

    public bool Finished { get; private set; }

    public UpstreamError? Error { get; private set; }

    public string DeliveredText => delivered.ToString();

    public void Translate(string? eventName, string data, List<string> emit)
    {
        if (Error is not null)
        {
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(data);
        }
        catch (JsonException)
        {
            Error = Unreadable();
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (GeminiErrorReader.ErrorOf(root) is { } error)
            {
                Error = GeminiErrorReader.FromStream(error);
                return;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                Error = Unreadable();
                return;
            }

            if (!started)
            {
                emit.Add(OpenAiChunks.Role(context, ResponseId));
                started = true;
            }

            Usage = GeminiUsage.Read(root) ?? Usage;
            if (FirstCandidate(root) is { } candidate)
            {
                EmitParts(candidate, emit);
                if (GeminiCandidate.FinishReason(candidate) is { } reason)
                {
                    Finish(GeminiFinishReasons.ToOpenAi(reason, toolCallCount > 0), emit);
                }
            }
            else if (root.TryGetProperty("promptFeedback", out var feedback) && GeminiJson.Text(feedback, "blockReason") is not null)
            {
                // A blocked prompt: the only event has no candidates.
                Finish(GeminiFinishReasons.ContentFilter, emit);
            }
        }
    }

    private void EmitParts(JsonElement candidate, List<string> emit)
    {
        text.Clear();
        calls.Clear();
        GeminiCandidate.ReadParts(candidate, text, calls);
        if (text.Length > 0)
        {
            var content = text.ToString();
            delivered.Append(content);
            emit.Add(OpenAiChunks.Content(context, ResponseId, content));
        }

        foreach (var call in calls)
        {
            var index = toolCallCount++;
            delivered.Append(call.Name).Append(call.Arguments);
            emit.Add(OpenAiChunks.ToolCallStart(context, ResponseId, index, call.Id, call.Name));
            emit.Add(OpenAiChunks.ToolCallArguments(context, ResponseId, index, call.Arguments));
        }
    }

    private void Finish(string finishReason, List<string> emit)
    {
        if (Finished)
        {
            return;
        }

        Finished = true;
        emit.Add(OpenAiChunks.Finish(context, ResponseId, finishReason));
    }

    /// <summary>Candidate 0: the only one, since streams with <c>n</c> &gt; 1 are refused.</summary>
    private static JsonElement? FirstCandidate(JsonElement root)
    {
        if (!root.TryGetProperty("candidates", out var candidates) || candidates.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var candidate in candidates.EnumerateArray())
        {
            if (!candidate.TryGetProperty("index", out var index) || (index.TryGetInt32(out var i) && i == 0))
            {
                return candidate;
            }
        }

        return null;
    }

    private static UpstreamError Unreadable() =>
        new(502, "upstream_error", null, "The upstream sent a stream event that is not a JSON response.");
}
