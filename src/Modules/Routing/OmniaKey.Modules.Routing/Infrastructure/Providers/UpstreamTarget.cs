namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// One upstream account a call can be sent to, with its credential decrypted. Lives only in memory and never
/// reaches a client, a log line or an error message.
/// </summary>
internal sealed record UpstreamTarget(Guid ChannelId, string Name, string Provider, Uri BaseUrl, string Credential)
{
    /// <summary>The channel id as text, made once per channel, for telemetry tags.</summary>
    public string ChannelKey { get; } = ChannelId.ToString();

    /// <summary>The channel's base URL with a trailing slash, so that relative paths append to it.</summary>
    public static Uri NormalizeBaseUrl(string baseUrl) => new(baseUrl.TrimEnd('/') + "/");

    public override string ToString() => $"channel {Name} ({Provider})";
}
