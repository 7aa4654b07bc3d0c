using System.Globalization;
using OmniaKey.Modules.Billing.Domain.Usage;

namespace OmniaKey.Modules.Billing.Application.Usage;

/// <summary>The usage filters as they arrive in a query string (<c>key_id</c>, <c>model</c>, <c>from</c>, <c>to</c>).</summary>
internal interface IUsageFilterQuery
{
    string? KeyId { get; }

    string? Model { get; }

    string? From { get; }

    string? To { get; }
}

/// <summary>Reads the filters' text. Validators call the same parsers, so a query that passed validation parses.</summary>
internal static class UsageFilterText
{
    /// <summary>ISO 8601 dates and times; a time without an offset is UTC.</summary>
    private static readonly string[] TimeFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    public static bool TryParseTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        // An unescaped '+' of an offset ("+02:00") arrives as a space after query-string decoding; no format has spaces.
        var candidate = text.Trim().Replace(' ', '+');
        if (!DateTimeOffset.TryParseExact(candidate, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return false;
        }

        time = parsed.ToUniversalTime();
        return true;
    }

    public static bool TryParseKeyId(string? text, out Guid? keyId)
    {
        keyId = null;
        if (text is null)
        {
            return true;
        }

        if (!Guid.TryParse(text, out var id))
        {
            return false;
        }

        keyId = id;
        return true;
    }

    /// <summary>The filter of a validated query.</summary>
    public static UsageFilter Parse(IUsageFilterQuery query)
    {
        _ = TryParseKeyId(query.KeyId, out var keyId);
        _ = TryParseTime(query.From, out var from);
        _ = TryParseTime(query.To, out var to);
        return new UsageFilter(keyId, query.Model, from, to);
    }
}
