using System.Net.Http.Headers;
using System.Text;

namespace OmniaKey.LoadTest;

/// <summary>One call, answered or not: for startup times and priced probes.</summary>
internal static class Probe
{
    /// <summary>A GET, or a POST of <see cref="Scenarios.CallBody"/>; true when it answered a success status.</summary>
    public static async Task<bool> IsOkAsync(HttpClient http, HttpMethod method, Uri url, string? bearer, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent(Scenarios.CallBody, Encoding.UTF8, "application/json");
        }

        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return response.IsSuccessStatusCode;
    }
}
