using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers.OpenAi;

/// <summary>
/// Passes OpenAI chunks through as they are (the payload forwarded is the upstream's own text, never re-serialised).
/// Each chunk is scanned once with a forward-only reader (<see cref="OpenAiChunkScan"/>, docs/adr/0022) for what the
/// relay needs: the delivered text (for estimating usage if the stream breaks), the id, the usage and any error. The
/// usage-only chunk is held back because the relay sends its own, priced one when the client asked for usage.
/// </summary>
internal sealed class OpenAiStreamTranslator(TranslationContext context) : IStreamTranslator
{
    private readonly StringBuilder delivered = new();

    public string ResponseId { get; private set; } = context.CompletionId;

    public TokenUsage? Usage { get; private set; }

    public bool Finished { get; private set; }

    public UpstreamError? Error { get; private set; }

    public string DeliveredText => delivered.ToString();

    public void Translate(string? eventName, string data, List<string> emit)
    {
        if (data == "[DONE]")
        {
            Finished = true;
            return;
        }

        var bytes = PooledBuffers.Rent(Encoding.UTF8.GetMaxByteCount(data.Length));
        var deliveredBefore = delivered.Length;
        var kept = false;
        try
        {
            var utf8 = bytes.AsSpan(0, Encoding.UTF8.GetBytes(data, bytes));
            var chunk = OpenAiChunkScan.Read(utf8, ResponseId, delivered);
            if (chunk.Error is { } errorRange)
            {
                Error = ErrorOf(utf8[errorRange]);
                return;
            }

            ResponseId = chunk.NewId ?? ResponseId;
            if (chunk.Usage is { } usage)
            {
                Usage = usage;
                if (chunk.ChoicesEmpty)
                {
                    return;
                }
            }

            kept = true;
            emit.Add(data);
        }
        finally
        {
            if (!kept)
            {
                // An error, a usage-only chunk or JSON that does not parse delivered nothing.
                delivered.Length = deliveredBefore;
            }

            PooledBuffers.Return(bytes);
        }
    }

    /// <summary>The stream's error object; rare, so it is read as a tree, with the same rules as before the scan.</summary>
    private static UpstreamError ErrorOf(ReadOnlySpan<byte> errorObject)
    {
        var error = JsonNode.Parse(errorObject)!;
        return new UpstreamError(500, error["type"]?.ToString() ?? "server_error", error["code"]?.ToString(), error["message"]?.ToString() ?? "The upstream stream failed.");
    }
}
