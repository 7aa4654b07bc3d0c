using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Keys.Application.ApiKeys;

namespace OmniaKey.Modules.Keys.Endpoints;

/// <summary>
/// Reads the body of <c>POST /api/v1/keys</c> and <c>PATCH /api/v1/keys/{id}</c> field by field, because a partial
/// update must tell a missing field (unchanged) from a JSON <c>null</c> (cleared), and because an unknown field must
/// be refused rather than silently dropped (a customer could believe a key is capped when it is not). Types are
/// checked here; values are checked by the command's validator. Every problem is reported at once, field by field.
/// </summary>
internal static partial class KeyRequestBody
{
    private const string Name = "name";
    private const string ExpiresAt = "expires_at";
    private const string AllowedModels = "allowed_models";
    private const string AllowedIps = "allowed_ips";
    private const string RpmLimit = "rpm_limit";
    private const string TpmLimit = "tpm_limit";
    private const string MaxConcurrentRequests = "max_concurrent_requests";
    private const string SpendLimitUsd = "spend_limit_usd";
    private const string SpendLimitPeriod = "spend_limit_period";

    private static readonly string[] Known = [Name, ExpiresAt, AllowedModels, AllowedIps, RpmLimit, TpmLimit, MaxConcurrentRequests, SpendLimitUsd, SpendLimitPeriod];

    public static async Task<KeyRequest> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException("body", $"is not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static KeyRequest Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new RequestValidationException("body", "must be a JSON object.");
        }

        var errors = new List<FieldError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var name = Optional<string?>.Absent;
        var expiresAt = Optional<DateTimeOffset?>.Absent;
        var models = Optional<IReadOnlyList<string>?>.Absent;
        var ips = Optional<IReadOnlyList<string>?>.Absent;
        var rpm = Optional<int?>.Absent;
        var tpm = Optional<long?>.Absent;
        var concurrent = Optional<int?>.Absent;
        var spendLimit = Optional<long?>.Absent;
        var spendPeriod = Optional<string?>.Absent;
        foreach (var property in root.EnumerateObject())
        {
            var field = property.Name;
            var value = property.Value;
            if (!seen.Add(field))
            {
                errors.Add(new(field, "appears more than once."));
                continue;
            }

            switch (field)
            {
                case Name:
                    name = value.ValueKind switch
                    {
                        JsonValueKind.String => Optional<string?>.Of(value.GetString()),
                        JsonValueKind.Null => Optional<string?>.Of(null),
                        _ => Fail(errors, field, "must be a string.", name),
                    };
                    break;
                case ExpiresAt:
                    expiresAt = value.ValueKind == JsonValueKind.Null
                        ? Optional<DateTimeOffset?>.Of(null)
                        : value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var at) && HasOffset().IsMatch(value.GetString()!)
                            ? Optional<DateTimeOffset?>.Of(at.ToUniversalTime())
                            : Fail(errors, field, "must be an ISO 8601 time with an offset, e.g. 2027-01-31T00:00:00Z, or null.", expiresAt);
                    break;
                case AllowedModels:
                    models = StringList(errors, field, value);
                    break;
                case AllowedIps:
                    ips = StringList(errors, field, value);
                    break;
                case RpmLimit:
                    rpm = value.ValueKind == JsonValueKind.Null
                        ? Optional<int?>.Of(null)
                        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var perMinute)
                            ? Optional<int?>.Of(perMinute)
                            : Fail(errors, field, "must be a whole number of requests per minute, or null.", rpm);
                    break;
                case TpmLimit:
                    tpm = value.ValueKind == JsonValueKind.Null
                        ? Optional<long?>.Of(null)
                        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var tokens)
                            ? Optional<long?>.Of(tokens)
                            : Fail(errors, field, "must be a whole number of tokens per minute, or null.", tpm);
                    break;
                case MaxConcurrentRequests:
                    concurrent = value.ValueKind == JsonValueKind.Null
                        ? Optional<int?>.Of(null)
                        : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var calls)
                            ? Optional<int?>.Of(calls)
                            : Fail(errors, field, "must be a whole number of requests, or null.", concurrent);
                    break;
                case SpendLimitUsd:
                    spendLimit = SpendLimitAmount.TryRead(value, out var nanoUsd, out var problem)
                        ? Optional<long?>.Of(nanoUsd)
                        : Fail(errors, field, problem, spendLimit);
                    break;
                case SpendLimitPeriod:
                    spendPeriod = value.ValueKind switch
                    {
                        JsonValueKind.String => Optional<string?>.Of(value.GetString()),
                        JsonValueKind.Null => Optional<string?>.Of(null),
                        _ => Fail(errors, field, "must be total, day or month.", spendPeriod),
                    };
                    break;
                default:
                    errors.Add(new(field, $"is not a field of a key. Known fields: {string.Join(", ", Known)}."));
                    break;
            }
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors);
        }

        if (spendLimit is { IsSet: true, Value: null } && spendPeriod is { IsSet: true, Value: not null })
        {
            throw new RequestValidationException(SpendLimitPeriod, "cannot be set while spend_limit_usd is cleared (null).");
        }

        return new KeyRequest(name, new KeyLimitsPatch(expiresAt, models, ips, rpm, tpm, concurrent, spendLimit, spendPeriod));
    }

    /// <summary>An array of strings, trimmed, duplicates dropped (first kept); or null.</summary>
    private static Optional<IReadOnlyList<string>?> StringList(List<FieldError> errors, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return Optional<IReadOnlyList<string>?>.Of(null);
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            return Fail(errors, field, "must be an array of strings, or null.", Optional<IReadOnlyList<string>?>.Absent);
        }

        IReadOnlyList<string> entries = value.EnumerateArray().Select(e => e.GetString()!.Trim()).Distinct(StringComparer.Ordinal).ToList();
        return Optional<IReadOnlyList<string>?>.Of(entries);
    }

    private static Optional<T> Fail<T>(List<FieldError> errors, string field, string message, Optional<T> unchanged)
    {
        errors.Add(new(field, message));
        return unchanged;
    }

    [GeneratedRegex(@"(Z|z|[+-]\d{2}:?\d{2})$")]
    private static partial Regex HasOffset();
}

/// <summary>A key request's name (absent, null or a value) and limits.</summary>
internal sealed record KeyRequest(Optional<string?> Name, KeyLimitsPatch Limits);
