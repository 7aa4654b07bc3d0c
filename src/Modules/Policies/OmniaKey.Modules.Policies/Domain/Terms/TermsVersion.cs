namespace OmniaKey.Modules.Policies.Domain.Terms;

/// <summary>A published version of the Terms of Service. The version is the "last updated" date, e.g. 2026-05-30.</summary>
internal sealed class TermsVersion
{
    public TermsVersion(string version, DateTimeOffset effectiveAt, DateTimeOffset publishedAt, string text)
    {
        Version = version;
        EffectiveAt = effectiveAt;
        PublishedAt = publishedAt;
        Text = text;
    }

    public string Version { get; private set; }

    public DateTimeOffset EffectiveAt { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public string Text { get; private set; }
}
