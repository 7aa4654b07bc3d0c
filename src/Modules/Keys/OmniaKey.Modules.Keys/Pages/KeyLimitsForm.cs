using System.Globalization;
using OmniaKey.Application.Exceptions;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Keys.Application.ApiKeys;

namespace OmniaKey.Modules.Keys.Pages;

/// <summary>
/// A key's name and limits as the console's form posts them: text, one box per field, lists one entry per line. It
/// becomes the same <see cref="KeyLimitsPatch"/> the API's JSON reader produces, so the commands' validators judge
/// both alike. Creating, an empty box is "no limit" (absent); editing, a box left as it was is absent (unchanged,
/// as a field missing from a <c>PATCH</c>) and an emptied box clears the limit (as a JSON <c>null</c>). Errors name
/// the API's field, as the API's do.
/// </summary>
internal sealed class KeyLimitsForm
{
    /// <summary>How an expiry is written into and read from <c>&lt;input type="datetime-local"&gt;</c>, in UTC.</summary>
    public const string LocalTimeFormat = "yyyy-MM-dd'T'HH:mm";

    public string? Name { get; set; }

    public string? ExpiresAt { get; set; }

    public string? SpendLimitUsd { get; set; }

    public string? SpendLimitPeriod { get; set; }

    public string? AllowedModels { get; set; }

    public string? AllowedIps { get; set; }

    public string? RpmLimit { get; set; }

    public string? TpmLimit { get; set; }

    public string? MaxConcurrentRequests { get; set; }

    /// <summary>The form filled in with a key's current name and limits.</summary>
    public static KeyLimitsForm From(ApiKeyDto key) => new()
    {
        Name = key.Name,
        ExpiresAt = key.ExpiresAt?.UtcDateTime.ToString(LocalTimeFormat, CultureInfo.InvariantCulture),
        SpendLimitUsd = key.SpendLimitUsd,
        SpendLimitPeriod = key.SpendLimitPeriod,
        AllowedModels = key.AllowedModels is null ? null : string.Join('\n', key.AllowedModels),
        AllowedIps = key.AllowedIps is null ? null : string.Join('\n', key.AllowedIps),
        RpmLimit = Invariant(key.RpmLimit),
        TpmLimit = Invariant(key.TpmLimit),
        MaxConcurrentRequests = Invariant(key.MaxConcurrentRequests),
    };

    /// <summary>The limits of a new key: every filled-in box sets its limit, an empty one sets none.</summary>
    public KeyLimitsPatch ToNewKeyLimits() => ToPatch(current: null);

    /// <summary>What changes on <paramref name="current"/>: only the boxes that differ from what the key has now.</summary>
    public (Optional<string?> Name, KeyLimitsPatch Limits) ToChanges(ApiKeyDto current)
    {
        var before = From(current);
        var name = Same(Name, before.Name) ? Optional<string?>.Absent : Optional<string?>.Of(Name?.Trim() ?? string.Empty);
        return (name, ToPatch(before));
    }

    private KeyLimitsPatch ToPatch(KeyLimitsForm? current)
    {
        var errors = new List<FieldError>();
        var expiresAt = Read(errors, "expires_at", ExpiresAt, current?.ExpiresAt, ParseTime, "must be a date and time (UTC), e.g. 2027-01-31T00:00.");
        var models = ReadList(AllowedModels, current?.AllowedModels);
        var ips = ReadList(AllowedIps, current?.AllowedIps);
        var rpm = Read<int?>(errors, "rpm_limit", RpmLimit, current?.RpmLimit, ParseInt, "must be a whole number of requests per minute, or empty for no limit.");
        var tpm = Read<long?>(errors, "tpm_limit", TpmLimit, current?.TpmLimit, ParseLong, "must be a whole number of tokens per minute, or empty for no limit.");
        var concurrent = Read<int?>(errors, "max_concurrent_requests", MaxConcurrentRequests, current?.MaxConcurrentRequests, ParseInt, "must be a whole number of requests, or empty for no limit.");
        var spend = Read<long?>(errors, "spend_limit_usd", SpendLimitUsd, current?.SpendLimitUsd, ParseUsd, "must be an amount in USD such as 25 or 12.5 (at most 9 decimal places), or empty for no budget.");

        // A period belongs to a budget: with the amount box empty it is ignored rather than refused, because the
        // period's list always shows a value and clearing the amount must be enough to remove the budget.
        var period = Optional<string?>.Absent;
        var budgetAfter = spend.IsSet ? spend.Value is not null : !IsEmpty(current?.SpendLimitUsd);
        if (budgetAfter && !IsEmpty(SpendLimitPeriod) && !Same(SpendLimitPeriod, current?.SpendLimitPeriod))
        {
            period = Optional<string?>.Of(SpendLimitPeriod!.Trim());
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        return new KeyLimitsPatch(expiresAt, models, ips, rpm, tpm, concurrent, spend, period);
    }

    private static Optional<T> Read<T>(List<FieldError> errors, string field, string? text, string? current, Func<string, T?> parse, string problem)
    {
        if (Same(text, current) || (current is null && IsEmpty(text)))
        {
            return Optional<T>.Absent;
        }

        if (IsEmpty(text))
        {
            return Optional<T>.Of(default!);
        }

        var value = parse(text!.Trim());
        if (value is null)
        {
            errors.Add(new FieldError(field, problem));
            return Optional<T>.Absent;
        }

        return Optional<T>.Of(value);
    }

    /// <summary>One entry per line (commas also separate), trimmed, blank lines and repeats dropped.</summary>
    private static Optional<IReadOnlyList<string>?> ReadList(string? text, string? current)
    {
        var entries = Entries(text);
        if ((current is null && entries.Count == 0) || (current is not null && entries.SequenceEqual(Entries(current), StringComparer.Ordinal)))
        {
            return Optional<IReadOnlyList<string>?>.Absent;
        }

        return Optional<IReadOnlyList<string>?>.Of(entries.Count == 0 ? null : entries);
    }

    private static List<string> Entries(string? text) =>
        (text ?? string.Empty).Split(['\n', '\r', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    private static DateTimeOffset? ParseTime(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? ParseLong(string text) =>
        long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? ParseUsd(string text) =>
        Money.TryParse(text, out var money, out _) ? money.NanoUsd : null;

    private static string? Invariant(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static bool IsEmpty(string? text) => string.IsNullOrWhiteSpace(text);

    private static bool Same(string? text, string? current) =>
        string.Equals(IsEmpty(text) ? null : text!.Trim(), IsEmpty(current) ? null : current!.Trim(), StringComparison.Ordinal);
}
