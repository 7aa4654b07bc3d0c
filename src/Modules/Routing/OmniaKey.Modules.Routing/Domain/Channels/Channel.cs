using OmniaKey.Domain.Primitives;

namespace OmniaKey.Modules.Routing.Domain.Channels;

/// <summary>
/// One upstream account of a provider: where calls go and with which credential. The credential is held only in
/// encrypted form; a channel serves the models it lists, or every model of its provider when the list is empty.
/// Higher <see cref="Priority"/> is tried first; among equal priorities, <see cref="Weight"/> shares the traffic.
/// </summary>
internal sealed class Channel : AggregateRoot<Guid>
{
    private Channel(Guid id, string name, string provider, string baseUrl, string encryptedCredential, DateTimeOffset createdAt)
        : base(id)
    {
        Name = name;
        Provider = provider;
        BaseUrl = baseUrl;
        EncryptedCredential = encryptedCredential;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
    }

    public string Name { get; private set; }

    public string Provider { get; private set; }

    public string BaseUrl { get; private set; }

    public string EncryptedCredential { get; private set; }

    public int Priority { get; private set; }

    public int Weight { get; private set; } = 1;

    public bool Enabled { get; private set; } = true;

    /// <summary>Catalogue model ids this channel serves; empty means all models of its provider.</summary>
    public List<string> Models { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public static Channel Create(ChannelSettings settings, string provider, string encryptedCredential, DateTimeOffset now)
    {
        var channel = new Channel(Guid.CreateVersion7(now), settings.Name, provider, settings.BaseUrl, encryptedCredential, now);
        channel.Apply(settings, now);
        return channel;
    }

    public void Apply(ChannelSettings settings, DateTimeOffset now)
    {
        Name = settings.Name;
        BaseUrl = settings.BaseUrl;
        Priority = settings.Priority;
        Weight = settings.Weight;
        Enabled = settings.Enabled;
        Models = [.. settings.Models.Distinct(StringComparer.Ordinal)];
        UpdatedAt = now;
    }

    public void ReplaceCredential(string encryptedCredential, DateTimeOffset now)
    {
        EncryptedCredential = encryptedCredential;
        UpdatedAt = now;
    }

    public bool Serves(string modelId) => Models.Count == 0 || Models.Contains(modelId, StringComparer.Ordinal);
}

/// <summary>The editable settings of a channel (everything but its provider and credential).</summary>
internal sealed record ChannelSettings(string Name, string BaseUrl, int Priority, int Weight, bool Enabled, IReadOnlyList<string> Models);
