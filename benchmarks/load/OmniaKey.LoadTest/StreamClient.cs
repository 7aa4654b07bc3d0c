using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace OmniaKey.LoadTest;

/// <summary>
/// Streams opened at a fixed rate (open loop: each starts on its own schedule, whether or not earlier ones have
/// finished), each timed to its first body byte and to its end. wrk and autocannon time whole responses only, so this
/// part is our own client, on <see cref="HttpClient"/> like the gateway's own upstream calls.
/// </summary>
internal static class StreamClient
{
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();

    public static async Task<StreamRunResult> RunAsync(HttpClient http, Uri url, string bearer, byte[] body, int rate, int seconds)
    {
        var count = rate * seconds;
        var calls = new Task<StreamSample>[count];
        var started = Stopwatch.GetTimestamp();
        var late = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 30));
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var wait = due - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            else if (wait < TimeSpan.FromMilliseconds(-5))
            {
                late++;
            }

            calls[i] = Task.Run(() => OneAsync(http, url, bearer, body, deadline.Token));
        }

        var samples = await Task.WhenAll(calls);
        var ok = samples.Where(s => s.Ok).ToArray();
        return new StreamRunResult(
            rate,
            count,
            ok.Length,
            late,
            samples.FirstOrDefault(s => !s.Ok)?.Failure,
            ok.Length == 0 ? null : PercentilesOf(ok.Select(s => s.FirstByte)),
            ok.Length == 0 ? null : PercentilesOf(ok.Select(s => s.Total)));
    }

    /// <summary>One streamed call, read to its end; OK when it answered 200 and ended with <c>data: [DONE]</c>.</summary>
    public static async Task<StreamSample> OneAsync(HttpClient http, Uri url, string bearer, byte[] body, CancellationToken cancellationToken)
    {
        var sent = Stopwatch.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[16 * 1024];
            var firstByte = TimeSpan.Zero;
            var tail = new List<byte>();
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (firstByte == TimeSpan.Zero)
                {
                    firstByte = Stopwatch.GetElapsedTime(sent);
                }

                tail.AddRange(buffer.AsSpan(Math.Max(0, read - Done.Length), Math.Min(read, Done.Length)).ToArray());
                if (tail.Count > Done.Length)
                {
                    tail.RemoveRange(0, tail.Count - Done.Length);
                }
            }

            var total = Stopwatch.GetElapsedTime(sent);
            var ok = response.IsSuccessStatusCode && tail.SequenceEqual(Done);
            return new StreamSample(ok, firstByte, total, ok ? null : $"status {(int)response.StatusCode}, ended with '{Encoding.UTF8.GetString([.. tail])}'");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return new StreamSample(false, TimeSpan.Zero, Stopwatch.GetElapsedTime(sent), e.Message);
        }
    }

    private static Percentiles PercentilesOf(IEnumerable<TimeSpan> values)
    {
        var ms = values.Select(v => v.TotalMilliseconds).Order().ToArray();
        double At(double p) => ms[Math.Clamp((int)Math.Ceiling(p / 100 * ms.Length) - 1, 0, ms.Length - 1)];
        return new Percentiles(At(50), At(90), At(99), ms[^1]);
    }
}

internal sealed record StreamSample(bool Ok, TimeSpan FirstByte, TimeSpan Total, string? Failure);

/// <summary>Streams at one rate: how many were opened and completed, and their first-byte and total times.</summary>
/// <param name="Late">Streams opened more than 5 ms after their slot (the client could not keep the rate).</param>
internal sealed record StreamRunResult(int Rate, int Opened, int Completed, int Late, string? FirstFailure, Percentiles? FirstByte, Percentiles? Total);
