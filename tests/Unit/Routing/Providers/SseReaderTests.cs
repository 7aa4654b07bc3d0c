using System.Runtime.CompilerServices;
using System.Text;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers;

/// <summary>
/// The SSE reader finds lines in bytes (docs/adr/0022); it must read every stream exactly as the StreamReader-based
/// reader it replaced did, however the bytes are split across reads. That reader is kept here as the reference.
/// </summary>
public sealed class SseReaderTests
{
    public static TheoryData<string> Streams() =>
    [
        "data: {\"a\":1}\n\ndata: [DONE]\n\n",
        "data: one\r\n\r\ndata: two\r\n\r\n",
        "data: one\r\rdata: two\r\r",
        "event: message_start\ndata: {\"x\":\"é😀日本\"}\n\n: comment\n\nevent: ping\ndata: {}\n\n",
        "data: first line\ndata: second line\ndata:no space\ndata:  two spaces\n\n",
        "id: 7\nretry: 1000\ndata: with id\n\n",
        "{\"error\":{\"message\":\"raw body\"}}\n",
        "data: unterminated at the end",
        "data: unterminated event\n",
        "data\ndata:\n\n",
        "event: only a name\n\n",
        "\uFEFFdata: after a byte order mark\n\n",
        "data: a\r\n\r\n\r\n\n\ndata: b\n\n",
        "data: " + new string('x', 10_000) + "é\n\n" + "data: " + new string('y', 5000) + "\r\n\r\n",
        "eventual: not a field\ndata: x\n\n",
        "",
        "\n\n\n",
    ];

    [Theory]
    [MemberData(nameof(Streams))]
    public async Task Reads_as_the_StreamReader_did_however_the_bytes_arrive(string sse)
    {
        var bytes = Encoding.UTF8.GetBytes(sse);
        var expected = await ReadAll(ReferenceReadAsync(new MemoryStream(bytes)));
        foreach (var readSize in (int[])[1, 2, 3, 7, 4096, int.MaxValue])
        {
            var actual = await ReadAll(SseReader.ReadAsync(new Trickle(bytes, readSize), CancellationToken.None));
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public async Task Invalid_UTF8_reads_as_replacement_characters_as_before()
    {
        byte[] bytes = [.. "data: a"u8, 0xE2, 0x82, .. "b\n\ndata: "u8, 0xFF, .. "\n\n"u8];

        var expected = await ReadAll(ReferenceReadAsync(new MemoryStream(bytes)));
        var actual = await ReadAll(SseReader.ReadAsync(new Trickle(bytes, 1), CancellationToken.None));

        Assert.Equal(expected, actual);
        Assert.Equal("a\uFFFDb", actual[0].Data);
    }

    private static async Task<List<SseEvent>> ReadAll(IAsyncEnumerable<SseEvent> events)
    {
        var all = new List<SseEvent>();
        await foreach (var item in events)
        {
            all.Add(item);
        }

        return all;
    }

    private sealed class Trickle(byte[] bytes, int readSize) : MemoryStream(bytes, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, readSize), cancellationToken);
    }

    /// <summary>The reader before docs/adr/0022: lines from a StreamReader, joined in a StringBuilder.</summary>
    private static async IAsyncEnumerable<SseEvent> ReferenceReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        string? eventName = null;
        var data = new StringBuilder();
        var raw = new StringBuilder();
        var hasData = false;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (hasData)
                {
                    yield return new SseEvent(eventName, data.ToString());
                }
                else if (raw.Length > 0)
                {
                    yield return new SseEvent(SseEvent.Raw, raw.ToString());
                }

                eventName = null;
                data.Clear();
                raw.Clear();
                hasData = false;
                continue;
            }

            if (line[0] == ':')
            {
                continue;
            }

            if (TryField(line, "data", out var value))
            {
                if (hasData)
                {
                    data.Append('\n');
                }

                data.Append(value);
                hasData = true;
            }
            else if (TryField(line, "event", out value))
            {
                eventName = value.ToString();
            }
            else if (!TryField(line, "id", out _) && !TryField(line, "retry", out _))
            {
                raw.Append(line).Append('\n');
            }
        }

        if (hasData)
        {
            yield return new SseEvent(eventName, data.ToString());
        }
        else if (raw.Length > 0)
        {
            yield return new SseEvent(SseEvent.Raw, raw.ToString());
        }
    }

    private static bool TryField(string line, string field, out ReadOnlySpan<char> value)
    {
        value = default;
        if (!line.StartsWith(field, StringComparison.Ordinal) || line.Length == field.Length || line[field.Length] != ':')
        {
            return false;
        }

        value = line.AsSpan(field.Length + 1);
        if (value.Length > 0 && value[0] == ' ')
        {
            value = value[1..];
        }

        return true;
    }
}
