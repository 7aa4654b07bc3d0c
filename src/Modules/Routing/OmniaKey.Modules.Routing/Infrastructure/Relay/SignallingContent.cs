using System.Net;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Wraps an upstream request body and says when it has been written to the connection in full: the moment after
/// which the provider has the request and may bill it (see <see cref="CallContext.RequestSent"/>).
/// </summary>
internal sealed class SignallingContent : HttpContent
{
    private readonly HttpContent inner;
    private readonly Action onSent;

    public SignallingContent(HttpContent inner, Action onSent)
    {
        this.inner = inner;
        this.onSent = onSent;
        foreach (var header in inner.Headers)
        {
            if (!string.Equals(header.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await inner.CopyToAsync(stream, context, cancellationToken);
        onSent(); // the handler flushes the last bytes next: the upstream cannot have the whole body before this

    }

    protected override bool TryComputeLength(out long length)
    {
        length = inner.Headers.ContentLength ?? -1;
        return length >= 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
