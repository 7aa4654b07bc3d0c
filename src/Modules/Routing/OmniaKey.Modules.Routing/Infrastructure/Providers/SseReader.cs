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
/// </summary>
internal static class SseReader
{
    public static async IAsyncEnumerable<SseEvent> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
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
