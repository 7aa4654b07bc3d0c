using System.Net;
using System.Text.RegularExpressions;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>
/// A signed-in console visitor without a browser: plain HTTP to the loopback server, cookies kept by hand (the
/// console's cookies are <c>Secure</c>, which a cookie container would not send over <c>http://</c>), redirects not
/// followed. For what a browser would not do on its own: posts without an anti-forgery token, or forged values.
/// </summary>
public sealed partial class ConsoleHttpSession : IDisposable
{
    private readonly HttpClient client;
    private readonly Dictionary<string, string> cookies = new(StringComparer.Ordinal);

    private ConsoleHttpSession(string address) =>
        client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };

    /// <summary>Logs in on <c>/dashboard/login</c> with the e-mail and password, as the form does.</summary>
    public static async Task<ConsoleHttpSession> LogInAsync(string address, string email, string password = ApiClientExtensions.DefaultPassword)
    {
        var session = new ConsoleHttpSession(address);
        using var response = await session.PostFormAsync("/dashboard/login", "/dashboard/login", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(ConsoleCookieName, session.cookies.Keys);
        return session;
    }

    private const string ConsoleCookieName = "__Host-omniakey-console";

    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync(request);
    }

    public async Task<string> GetPageAsync(string path)
    {
        using var response = await GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>
    /// Posts <paramref name="form"/> to <paramref name="path"/>; with <paramref name="tokenFrom"/>, the anti-forgery
    /// token of the form on that page is added first, as the browser would send it.
    /// </summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string? tokenFrom, Dictionary<string, string> form)
    {
        if (tokenFrom is not null)
        {
            var html = await GetPageAsync(tokenFrom);
            form["__RequestVerificationToken"] = WebUtility.HtmlDecode(Token().Match(html) is { Success: true } match
                ? match.Groups["token"].Value
                : throw new InvalidOperationException($"{tokenFrom} has no anti-forgery token."));
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) };
        return await SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Key}={c.Value}")));
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                if (pair.Length == 2 && pair[1].Length > 0 && !setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    cookies[pair[0]] = pair[1];
                }
                else
                {
                    cookies.Remove(pair[0]);
                }
            }
        }

        return response;
    }

    public void Dispose() => client.Dispose();

    [GeneratedRegex("""name="__RequestVerificationToken" type="hidden" value="(?<token>[^"]+)""")]
    private static partial Regex Token();
}
