using System.Buffers;
using System.Buffers.Text;
using System.Text.Json.Nodes;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// An upstream answer that already is the OpenAI object the client gets, but for <c>usage.cost</c>: the usage it
/// reports, and where the cost goes (the offset of the usage object's closing brace).
/// </summary>
/// <param name="Usage">The usage the upstream reported.</param>
/// <param name="UsageEnd">The offset of the <c>}</c> that closes the <c>usage</c> object.</param>
/// <param name="UsageEmpty">True when the usage object has no member, so the cost needs no comma before it.</param>
internal sealed record CompletionPassThrough(TokenUsage Usage, int UsageEnd, bool UsageEmpty) : IRelayedCompletion
{
    TokenUsage? IRelayedCompletion.Usage => Usage;

    /// <summary>
    /// Never needed by the relay, since a pass-through always has its usage; read from the answer all the same, so that
    /// the two forms of an answer mean the same thing.
    /// </summary>
    public string DeliveredText(ReadOnlySpan<byte> upstreamAnswer) =>
        CompletionText.Of(JsonNode.Parse(upstreamAnswer) as JsonObject ?? []);

    /// <summary>
    /// Writes <paramref name="answer"/> with <c>"cost":</c> and <paramref name="costUsd"/> added as the usage object's
    /// last member, the number formatted as <c>System.Text.Json</c> writes a decimal. The upstream's usage is the
    /// settled one, so <paramref name="settledUsage"/> is not needed.
    /// </summary>
    public void WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> answer, TokenUsage settledUsage, decimal costUsd)
    {
        output.Write(answer[..UsageEnd]);
        output.Write(UsageEmpty ? "\"cost\":"u8 : ",\"cost\":"u8);
        var number = output.GetSpan(64);
        if (!Utf8Formatter.TryFormat(costUsd, number, out var written))
        {
            throw new InvalidOperationException("A decimal did not fit in 64 bytes.");
        }

        output.Advance(written);
        output.Write(answer[UsageEnd..]);
    }
}
