using System.Buffers;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// A successful non-streamed answer, read and ready to relay: the upstream's bytes passed through with the cost added
/// (<see cref="CompletionPassThrough"/>), or an OpenAI object translated from the provider's
/// (<see cref="Providers.CompletionResult"/>). The relay settles from <see cref="Usage"/> and then writes it.
/// </summary>
internal interface IRelayedCompletion
{
    /// <summary>The usage the upstream reported; null when it reported none and the call is estimated.</summary>
    TokenUsage? Usage { get; }

    /// <summary>The answer's text, for the estimate when <see cref="Usage"/> is null.</summary>
    string DeliveredText(ReadOnlySpan<byte> upstreamAnswer);

    /// <summary>
    /// Writes the OpenAI <c>chat.completion</c> the client gets, its usage being <paramref name="settledUsage"/> (when
    /// the upstream gave none) with <c>usage.cost</c> set to <paramref name="costUsd"/>.
    /// </summary>
    void WriteTo(IBufferWriter<byte> output, ReadOnlySpan<byte> upstreamAnswer, TokenUsage settledUsage, decimal costUsd);
}
