using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Billing.Domain.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Balances;

/// <summary>
/// A key's rate counts, read from its reservations (docs/adr/0041-exact-key-limits-through-the-group-commit.md): those
/// created in the last minute are its requests (and, by <see cref="Reservation.RateTokens"/>, its tokens) of the
/// minute; those still held and not expired are its calls in flight. Read inside a hold's transaction after the
/// account's balance row is locked — which every hold of the key locks, on every instance — the counts cannot change
/// before the hold commits. Also gives a refused call its message and <c>Retry-After</c>.
/// </summary>
internal sealed class KeyRateCounts(BillingDbContext db)
{
    /// <summary>Why the key has no room for one more call now, or null when it has.</summary>
    public async Task<KeyRateLimitedException?> RefusalAsync(Guid keyId, KeyRateLimit rate, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ofKey = db.Reservations.AsNoTracking().Where(r => r.KeyId == keyId);
        if (rate.MaxConcurrentRequests is { } concurrent)
        {
            var inFlight = await ofKey.CountAsync(r => r.Status == ReservationStatus.Held && r.ExpiresAt > now, cancellationToken);
            if (inFlight >= concurrent)
            {
                return new KeyRateLimitedException(
                    "requests",
                    Text($"Too many concurrent requests for this key: limit {concurrent}, in flight {inFlight}. Retry when one of them has finished."),
                    1);
            }
        }

        if (rate.RequestsPerMinute is null && rate.TokensPerMinute is null)
        {
            return null;
        }

        var windowStart = now - KeyRateLimit.Window;
        var window = await ofKey
            .Where(r => r.CreatedAt > windowStart)
            .Select(r => new { r.CreatedAt, r.RateTokens })
            .ToListAsync(cancellationToken);
        var counted = window.OrderBy(r => r.CreatedAt).Select(r => (r.CreatedAt, Tokens: r.RateTokens ?? 0)).ToList();
        if (rate.RequestsPerMinute is { } rpm && counted.Count + 1 > rpm)
        {
            var wait = SecondsUntil(counted[counted.Count - (int)Math.Min(rpm, counted.Count)].CreatedAt, now);
            return new KeyRateLimitedException(
                "requests",
                Text($"Rate limit reached for this key on requests per min (RPM): Limit {rpm}, Used {counted.Count}, Requested 1. Please try again in {wait}s."),
                wait);
        }

        var used = counted.Sum(r => r.Tokens);
        if (rate.TokensPerMinute is { } tpm && used + rate.Tokens > tpm)
        {
            if (rate.Tokens > tpm)
            {
                return new KeyRateLimitedException(
                    "tokens",
                    Text($"Request too large for this key on tokens per min (TPM): Limit {tpm}, Requested {rate.Tokens}. Lower max_tokens or send a shorter input."),
                    (int)KeyRateLimit.Window.TotalSeconds);
            }

            // The oldest counts leave first: wait until enough of them have left for this call to fit.
            var excess = used + rate.Tokens - tpm;
            var leaving = 0L;
            var until = now;
            foreach (var (createdAt, tokens) in counted)
            {
                leaving += tokens;
                until = createdAt;
                if (leaving >= excess)
                {
                    break;
                }
            }

            var wait = SecondsUntil(until, now);
            return new KeyRateLimitedException(
                "tokens",
                Text($"Rate limit reached for this key on tokens per min (TPM): Limit {tpm}, Used {used}, Requested {rate.Tokens}. Please try again in {wait}s."),
                wait);
        }

        return null;
    }

    /// <summary>Whole seconds (at least 1) until a count made at <paramref name="countedAt"/> leaves the window.</summary>
    private static int SecondsUntil(DateTimeOffset countedAt, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((countedAt + KeyRateLimit.Window - now).TotalSeconds));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
