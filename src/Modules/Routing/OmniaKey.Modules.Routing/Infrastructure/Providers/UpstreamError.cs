namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// An upstream's refusal or failure: the status to answer with, and the upstream's own type, code and message, which
/// reach the client in OpenAI's error shape — the message unless it reveals our own upstream account
/// (<see cref="UpstreamErrorText"/>), which is settled here, once, for every provider and for stream errors too.
/// </summary>
/// <param name="Status">The HTTP status to answer with (the upstream's, except where a provider's is remapped).</param>
/// <param name="Type">The upstream's error type (e.g. <c>rate_limit_error</c>, <c>RESOURCE_EXHAUSTED</c>).</param>
/// <param name="Code">The upstream's error code, when it has one.</param>
/// <param name="Message">The upstream's message (replaced by a neutral one when it reveals our account).</param>
/// <param name="Param">The offending parameter, when the upstream names it.</param>
/// <param name="RetryAfter">How long the upstream asked us to wait (<c>Retry-After</c>, Gemini's <c>RetryInfo</c>).</param>
internal sealed record UpstreamError(int Status, string Type, string? Code, string Message, string? Param = null, TimeSpan? RetryAfter = null)
{
    private readonly string message = UpstreamErrorText.Neutralize(Status, Message);

    /// <summary>The message the client may see: neutral when it would reveal our account or our credential was refused.</summary>
    public string Message
    {
        get => CredentialRejected ? UpstreamErrorText.CredentialMessage : message;
        init => message = UpstreamErrorText.Neutralize(Status, value);
    }

    /// <summary>
    /// Whether another channel may serve the call: a rejected credential, rate limits, overload (Anthropic 529),
    /// server errors, and an answer that is neither a success nor an error (a redirect, which is never followed) are
    /// about the channel, not the request. Other 4xx are the request's fault and are passed through.
    /// </summary>
    public bool IsChannelFailure => CredentialRejected || Status is 401 or 408 or 429 or >= 500 or < 400;

    /// <summary>
    /// The status the client gets: the upstream's, except that a status below 400 (a redirect) is the gateway's 502,
    /// since a 3xx passed on without its <c>Location</c> would leave the client nowhere to go.
    /// </summary>
    public int ClientStatus => Status < 400 ? 502 : Status;

    /// <summary>
    /// The upstream refused the channel's credential or account: any 401 or 403 (the client holds no upstream
    /// credential, so these are always about ours), or an error an adapter recognises (Gemini answers an invalid API
    /// key with 400 <c>API_KEY_INVALID</c>). Another channel may serve the call; when none can, the client gets the
    /// gateway's own 502 <c>upstream_unavailable</c>, never an error that blames its key.
    /// </summary>
    public bool CredentialRejected { get; init; } = Status is 401 or 403;

    /// <summary>The <c>Retry-After</c> header of a response, as seconds or as a date.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider? time = null)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - (time ?? TimeProvider.System).GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
