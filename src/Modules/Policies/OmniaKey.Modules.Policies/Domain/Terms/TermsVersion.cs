namespace OmniaKey.Modules.Policies.Domain.Terms;

/// <summary>
/// A published version of the Terms of Service. The version is a short label, by convention the "last updated" date
/// (e.g. 2026-05-30). A material version is e-mailed to every account with a positive balance (Terms §11);
/// <see cref="NoticesPreparedAt"/> says when the list of those accounts was fixed as notice rows.
/// </summary>
internal sealed class TermsVersion
{
    public TermsVersion(string version, DateTimeOffset effectiveAt, DateTimeOffset publishedAt, string text, bool material = false)
    {
        Version = version;
        EffectiveAt = effectiveAt;
        PublishedAt = publishedAt;
        Text = text;
        Material = material;
    }

    public string Version { get; private set; }

    public DateTimeOffset EffectiveAt { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public string Text { get; private set; }

    /// <summary>A material change: customers with an active balance are e-mailed about it before it takes effect.</summary>
    public bool Material { get; private set; }

    /// <summary>When every notice of this (material) version was created; null until then, or for a minor version.</summary>
    public DateTimeOffset? NoticesPreparedAt { get; private set; }

    public bool IsInForceOrFutureAt(DateTimeOffset now, TermsVersion? inForce) =>
        EffectiveAt > now || (inForce is not null && inForce.Version == Version);

    public void MarkNoticesPrepared(DateTimeOffset now) => NoticesPreparedAt ??= now;
}
