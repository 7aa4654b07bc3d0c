using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Gateway;

/// <summary>
/// Bounded input on <c>/v1/chat/completions</c>: a body above <c>Gateway:MaxRequestBytes</c> (4 MB) gets 413
/// <c>request_too_large</c> without being read, whether it declares its length or comes chunked, and too many
/// messages or content parts get 400 naming the field. Nothing is held or charged.
/// </summary>
public abstract class RequestBoundsTests<TFixture>(TFixture fixture) : GatewayTestBase<TFixture>(fixture)
    where TFixture : GatewayFixture
{
    private const long FiftyMegabytes = 50L * 1024 * 1024;
    private const long Megabyte = 1024 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_50_MB_body_gets_413_without_being_read_into_memory(bool declareLength)
    {
        await Admin.CreditAsync(AccountId, "1");

        // Sent straight to the in-memory server, from a stream that makes its bytes as they are read: an HttpClient
        // over the test server would buffer the whole body on the client side first.
        var body = new GeneratedBody(FiftyMegabytes);

        // Measured around the request: what the process allocated (an upper bound of its growth, whatever the GC
        // did meanwhile) and what it keeps afterwards. Reading the body would take 50 MB at least.
        var retainedBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var context = await Fixture.App.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = "/v1/chat/completions";
            http.Request.Headers.Authorization = "Bearer " + ApiKey;
            http.Request.ContentType = "application/json";
            if (declareLength)
            {
                http.Request.ContentLength = FiftyMegabytes;
            }
            else
            {
                http.Request.Headers.TransferEncoding = "chunked";
            }

            http.Request.Body = body;
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var retained = GC.GetTotalMemory(forceFullCollection: true) - retainedBefore;

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, context.Response.StatusCode);
        var error = JsonNode.Parse(context.Response.Body)!["error"]!;
        Assert.Equal("request_too_large", error["code"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());

        // A declared length is refused before a byte is read; a chunked body is read up to the 4 MB limit only.
        Assert.Equal(declareLength ? 0 : (4 * Megabyte) + 1, body.BytesRead);
        Assert.InRange(allocated, 0, declareLength ? 2 * Megabyte : 12 * Megabyte);
        Assert.InRange(retained, long.MinValue, 2 * Megabyte);
        Assert.Empty(Fixture.Upstream.ChatRequests);
        Assert.Equal("1", (await Customer.GetBalanceAsync()).Available);
    }

    [Fact]
    public async Task A_body_of_100000_messages_gets_400_naming_messages()
    {
        await Admin.CreditAsync(AccountId, "1");
        var json = new StringBuilder("""{"model":"gpt-4o","messages":[""");
        for (var i = 0; i < 100_000; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append("""{"role":"user","content":"hi"}""");
        }

        json.Append("]}");
        Assert.InRange(json.Length, 3_000_000, 4 * Megabyte); // under the byte limit: the message cap refuses it

        using var response = await ApiClient().PostAsync("/v1/chat/completions", new StringContent(json.ToString(), Encoding.UTF8, "application/json"));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        var error = (await response.ReadJsonNodeAsync())["error"]!;
        Assert.Equal("messages", error["param"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", error["type"]!.GetValue<string>());
        Assert.Empty(Fixture.Upstream.ChatRequests);
        Assert.Empty(await UsageRecords.ListAsync(Fixture.App, AccountId));
    }

    [Fact]
    public async Task Too_many_content_parts_get_400_naming_the_message_that_passed_the_cap()
    {
        await Admin.CreditAsync(AccountId, "1");
        var parts = new JsonArray();
        for (var i = 0; i < 10_001; i++)
        {
            parts.Add(new JsonObject { ["type"] = "text", ["text"] = "x" });
        }

        var body = new JsonObject
        {
            ["model"] = "gpt-4o",
            ["messages"] = new JsonArray(
                new JsonObject { ["role"] = "system", ["content"] = "Be brief." },
                new JsonObject { ["role"] = "user", ["content"] = parts }),
        };

        using var response = await ApiClient().PostAsync("/v1/chat/completions", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("messages[1].content", (await response.ReadJsonNodeAsync())["error"]!["param"]!.GetValue<string>());
        Assert.Empty(Fixture.Upstream.ChatRequests);
    }

    /// <summary>
    /// A JSON-looking body of <c>length</c> bytes (an object, then spaces) made as it is read, so the test holds no
    /// 50 MB itself; <see cref="BytesRead"/> counts what the server read.
    /// </summary>
    private sealed class GeneratedBody(long length) : Stream
    {
        private static readonly byte[] Prefix = "{\"model\":\"gpt-4o\",\"messages\":[]"u8.ToArray();

        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var size = (int)Math.Min(buffer.Length, length - BytesRead);
            for (var i = 0; i < size; i++)
            {
                var at = BytesRead + i;
                buffer[i] = at < Prefix.Length ? Prefix[at] : (byte)' ';
            }

            BytesRead += size;
            return size;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>Memory is measured process-wide, so these run alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(MeasuresProcessMemory), DisableParallelization = true)]
public sealed class MeasuresProcessMemory;

[Collection(nameof(MeasuresProcessMemory))]
public sealed class SqliteRequestBoundsTests(SqliteGatewayFixture fixture)
    : RequestBoundsTests<SqliteGatewayFixture>(fixture), IClassFixture<SqliteGatewayFixture>;

[Collection(nameof(MeasuresProcessMemory))]
public sealed class PostgresRequestBoundsTests(PostgresGatewayFixture fixture)
    : RequestBoundsTests<PostgresGatewayFixture>(fixture), IClassFixture<PostgresGatewayFixture>;
