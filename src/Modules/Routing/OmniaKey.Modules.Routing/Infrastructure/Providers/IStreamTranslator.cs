using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// Turns one upstream stream, event by event, into OpenAI <c>chat.completion.chunk</c> payloads. It never emits the
/// usage chunk or <c>[DONE]</c>: the relay adds those once the upstream has finished, because only the relay knows
/// the price and whether the client asked for usage.
/// </summary>
internal interface IStreamTranslator
{
    /// <summary>
    /// Translates one upstream SSE event (its <c>event:</c> name, or null, and its <c>data:</c>) and appends the
    /// OpenAI chunk payloads (serialised JSON objects, without the <c>data: </c> prefix) to <paramref name="emit"/>.
    /// </summary>
    void Translate(string? eventName, string data, List<string> emit);

    /// <summary>The id the client's chunks carry (the relay gives the usage chunk the same id).</summary>
    string ResponseId { get; }

    /// <summary>The usage the upstream reported so far; null until it reported any.</summary>
    TokenUsage? Usage { get; }

    /// <summary>True once the upstream signalled the normal end of its answer.</summary>
    bool Finished { get; }

    /// <summary>An error the upstream sent in the middle of the stream, if any; nothing more follows it.</summary>
    UpstreamError? Error { get; }

    /// <summary>The text and tool-call arguments delivered so far, to estimate usage when the stream broke.</summary>
    string DeliveredText { get; }
}
