using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>One server-sent event: its <c>event:</c> name (null when absent) and its <c>data:</c> lines joined.</summary>
internal readonly record struct SseEvent(string? Event, string Data)
{
    /// <summary>
    /// The name given to lines that are not SSE at all — a provider that fails mid-stream may write a raw JSON error
    /// body (docs/providers.md#reading-upstream-streams) — so that translators can still read them.
    /// </summary>
    public const string Raw = "omniakey.raw";
}

/// <summary>
/// Reads server-sent events as they arrive (LF, CRLF or CR framing; comments and <c>id</c>/<c>retry</c> ignored).
/// Lines are found in the UTF-8 bytes of a pooled buffer and an event's data is decoded once, when the event is
/// complete, so an event costs one string rather than one per line plus their join (docs/adr/0022).
/// </summary>
internal static class SseReader
{
    private const int FirstBufferSize = 4096;

    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = PooledBuffers.Rent(FirstBufferSize);
        var fields = new EventFields();
        int start = 0, end = 0;
        var atStart = true;
        var endOfStream = false;
        try
        {
            while (true)
            {
                var pending = buffer.AsSpan(start, end - start);
                var newline = pending.IndexOfAny((byte)'\r', (byte)'\n');

                // A CR as the last byte read may be the first half of a CRLF: wait for the next byte to tell.
                if (newline < 0 || (pending[newline] == '\r' && newline == pending.Length - 1 && !endOfStream))
                {
                    if (endOfStream)
                    {
                        if (pending.Length > 0 && fields.Line(pending) is { } lastEvent)
                        {
                            yield return lastEvent;
                        }

                        if (fields.Dispatch() is { } finalEvent)
                        {
                            yield return finalEvent;
                        }

                        yield break;
                    }

                    (buffer, start, end) = MakeRoom(buffer, start, end);
                    var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
                    endOfStream = read == 0;
                    end += read;
                    if (atStart && end - start >= 3)
                    {
                        // A UTF-8 byte order mark is skipped, as StreamReader did.
                        atStart = false;
                        start += buffer.AsSpan(start).StartsWith("\uFEFF"u8) ? 3 : 0;
                    }

                    continue;
                }

                atStart = false;
                var line = pending[..newline];
                var terminator = pending[newline] == '\r' && newline + 1 < pending.Length && pending[newline + 1] == '\n' ? 2 : 1;
                start += newline + terminator;
                if (fields.Line(line) is { } complete)
                {
                    yield return complete;
                }
            }
        }
        finally
        {
            PooledBuffers.Return(buffer);
        }
    }

    /// <summary>Moves the unread bytes to the front, and doubles the buffer when a line fills it.</summary>
    private static (byte[] Buffer, int Start, int End) MakeRoom(byte[] buffer, int start, int end)
    {
        var unread = end - start;
        if (unread == buffer.Length)
        {
            return (PooledBuffers.Grow(buffer, unread), 0, unread);
        }

        if (start > 0)
        {
            buffer.AsSpan(start, unread).CopyTo(buffer);
        }

        return (buffer, 0, unread);
    }

    /// <summary>The fields of the event being read, as UTF-8 bytes until it is dispatched.</summary>
    private sealed class EventFields
    {
        private readonly ArrayBufferWriter<byte> data = new(1024);
        private readonly ArrayBufferWriter<byte> raw = new(256);
        private string? eventName;
        private bool hasData;

        /// <summary>Takes one line (without its terminator); returns the event a blank line completes.</summary>
        public SseEvent? Line(ReadOnlySpan<byte> line)
        {
            if (line.IsEmpty)
            {
                return Dispatch();
            }

            if (line[0] == ':')
            {
                return null;
            }

            if (TryField(line, "data"u8, out var value))
            {
                if (hasData)
                {
                    data.Write("\n"u8);
                }

                data.Write(value);
                hasData = true;
            }
            else if (TryField(line, "event"u8, out value))
            {
                eventName = Encoding.UTF8.GetString(value);
            }
            else if (!TryField(line, "id"u8, out _) && !TryField(line, "retry"u8, out _))
            {
                raw.Write(line);
                raw.Write("\n"u8);
            }

            return null;
        }

        /// <summary>The event read so far, if it has data (or raw lines), and a fresh start for the next.</summary>
        public SseEvent? Dispatch()
        {
            SseEvent? complete = hasData ? new SseEvent(eventName, Encoding.UTF8.GetString(data.WrittenSpan))
                : raw.WrittenCount > 0 ? new SseEvent(SseEvent.Raw, Encoding.UTF8.GetString(raw.WrittenSpan))
                : null;
            eventName = null;
            hasData = false;
            data.ResetWrittenCount();
            raw.ResetWrittenCount();
            return complete;
        }

        private static bool TryField(ReadOnlySpan<byte> line, ReadOnlySpan<byte> field, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (!line.StartsWith(field) || line.Length == field.Length || line[field.Length] != ':')
            {
                return false;
            }

            value = line[(field.Length + 1)..];
            if (value.Length > 0 && value[0] == ' ')
            {
                value = value[1..];
            }

            return true;
        }
    }
}
