using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using OmniaKey.Infrastructure.Web;
using Xunit;

namespace OmniaKey.UnitTests.Web;

/// <summary>
/// The error answer when the client is already gone. Kestrel can report a request body cut short before it has seen the
/// connection close; by the time the error is written, the write fails because the client is gone. That is an aborted
/// request, not a failure of the error handler.
/// </summary>
public sealed class GlobalExceptionHandlerTests
{
    [Fact]
    public async Task An_error_whose_client_went_away_during_the_write_is_handled_without_an_answer()
    {
        using var gone = new CancellationTokenSource();
        var http = ChatRequest(new ClientGoneStream(gone));
        http.RequestAborted = gone.Token;

        var handled = await Handler().TryHandleAsync(http, new BadHttpRequestException("Unexpected end of request content."), CancellationToken.None);

        Assert.True(handled);
    }

    [Fact]
    public async Task A_failing_write_to_a_client_still_there_is_not_hidden()
    {
        using var notGone = new CancellationTokenSource();
        var http = ChatRequest(new ClientGoneStream(cancelOnWrite: null));
        http.RequestAborted = notGone.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            async () => await Handler().TryHandleAsync(http, new InvalidOperationException("boom"), CancellationToken.None));
    }

    private static GlobalExceptionHandler Handler()
    {
        var services = new ServiceCollection().AddOptions().AddProblemDetails().BuildServiceProvider();
        return new GlobalExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<GlobalExceptionHandler>.Instance);
    }

    private static DefaultHttpContext ChatRequest(Stream responseBody)
    {
        var http = new DefaultHttpContext();
        http.Request.Path = "/v1/chat/completions";
        http.Response.Body = responseBody;
        return http;
    }

    /// <summary>A response body whose client disconnects as the first byte is written (the connection is aborted).</summary>
    private sealed class ClientGoneStream(CancellationTokenSource? cancelOnWrite) : MemoryStream
    {
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancelOnWrite?.Cancel();
            throw new OperationCanceledException("The client closed the connection.");
        }
    }
}
