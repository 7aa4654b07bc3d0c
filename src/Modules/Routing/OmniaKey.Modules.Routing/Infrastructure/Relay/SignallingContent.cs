using System.Net;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// An upstream request's JSON body, which says when it has been written to the connection in full: the moment after
/// which the provider has the request and may bill it (see <see cref="CallContext.RequestSent"/>). The body is the
/// payload's bytes, sent as they are; the content type is added unparsed, since it is always the same.
/// </summary>
internal sealed class SignallingContent : HttpContent
{
    private readonly byte[] body;

    public SignallingContent(byte[] jsonBody)
    {
        body = jsonBody;
        Headers.TryAddWithoutValidation("Content-Type", "application/json");
    }

    /// <summary>Called once the last byte has been handed to the connection; set by the sender for each attempt.</summary>
    public Action? OnSent { get; set; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(body, cancellationToken);
        OnSent?.Invoke(); // the handler flushes the last bytes next: the upstream cannot have the whole body before this
    }

    protected override bool TryComputeLength(out long length)
    {
        length = body.Length;
        return true;
    }
}
