using System.Buffers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OmniaKey.Modules.Routing.Infrastructure.Relay;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Relay;

/// <summary>The request body is read into a pooled buffer, bounded by the limit (docs/adr/0022).</summary>
public sealed class RequestBodyReaderTests
{
    private const string Body = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hello there"}]}""";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_is_parsed_whether_or_not_it_declares_its_length(bool declared)
    {
        var (bytes, node) = await RequestBodyReader.ReadAsync(Http(Body, declared), maxBytes: 1024);

        Assert.Equal(Encoding.UTF8.GetByteCount(Body), bytes);
        Assert.Equal("Hello there", node!["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_undeclared_body_larger_than_the_first_buffer_is_read_whole()
    {
        var text = new string('x', 100_000);
        var body = $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"{{text}}"}]}""";

        var (bytes, node) = await RequestBodyReader.ReadAsync(Http(body, declared: false), maxBytes: 1 << 20);

        Assert.Equal(body.Length, bytes);
        Assert.Equal(text, node!["messages"]![0]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_of_exactly_the_limit_is_read_and_one_byte_more_is_too_large(bool declared)
    {
        var limit = Encoding.UTF8.GetByteCount(Body);

        var (atLimit, parsed) = await RequestBodyReader.ReadAsync(Http(Body, declared), maxBytes: limit);
        var (overLimit, refused) = await RequestBodyReader.ReadAsync(Http(Body + " ", declared), maxBytes: limit);

        Assert.Equal(limit, atLimit);
        Assert.NotNull(parsed);
        Assert.True(overLimit > limit);
        Assert.Null(refused);
    }

    [Fact]
    public async Task A_body_that_is_not_json_reads_as_no_node()
    {
        var (bytes, node) = await RequestBodyReader.ReadAsync(Http("{not json", declared: true), maxBytes: 1024);

        Assert.Equal(9, bytes);
        Assert.Null(node);
    }

    [Fact]
    public void A_node_parsed_from_a_span_keeps_no_reference_to_the_span()
    {
        // What makes returning the buffer to the pool right after the parse safe.
        var buffer = ArrayPool<byte>.Shared.Rent(256);
        var length = Encoding.UTF8.GetBytes(Body, buffer);
        var node = JsonNode.Parse(buffer.AsSpan(0, length))!;

        buffer.AsSpan().Fill((byte)'#');
        ArrayPool<byte>.Shared.Return(buffer);

        Assert.Equal("gpt-4o", node["model"]!.GetValue<string>());
        Assert.Equal("Hello there", node["messages"]![0]!["content"]!.GetValue<string>());
    }

    private static DefaultHttpContext Http(string body, bool declared)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var http = new DefaultHttpContext();
        http.Request.Body = new MemoryStream(bytes);
        http.Request.ContentLength = declared ? bytes.Length : null;
        return http;
    }
}
