using Microsoft.EntityFrameworkCore;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Domain.Payments;
using OmniaKey.Modules.Billing.Domain.Refunds;
using OmniaKey.Modules.Billing.Infrastructure.Balances;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;
using OmniaKey.Modules.Billing.Infrastructure.Persistence.Specifications;

namespace OmniaKey.Modules.Billing.Infrastructure.Refunds;

/// <summary>
/// Gathers what <see cref="RefundPolicy"/> needs about one account: its available balance, its paid top-ups with
/// everything already refunded or disputed on each, and the open refunds' claims. A handful of small queries on
/// per-account indexes; an account has few top-ups.
/// </summary>
internal sealed class RefundFundsReader(BillingDbContext db, BalanceStore balances)
{
    public async Task<RefundFunds> ReadAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var available = (await balances.FindAsync(accountId, cancellationToken))?.Available ?? default;
        var topUps = await db.TopUps.AsNoTracking()
            .Where(t => t.AccountId == accountId && t.Status == TopUpStatus.Paid)
            .Select(t => new { t.Id, t.ChargeId, t.PaymentId, t.PaidAt, t.CreatedAt, t.PaidCents, t.AmountCents })
            .ToListAsync(cancellationToken);
        var external = await SumByTopUpAsync(db.PaymentRefunds.Where(r => r.AccountId == accountId).Select(r => new TopUpCents(r.TopUpId, r.AmountCents)), cancellationToken);
        // A won dispute gave the payment back to us, and a failed provider refund took nothing: neither counts.
        var disputed = await SumByTopUpAsync(
            db.PaymentDisputes.Where(d => d.AccountId == accountId && d.Status != PaymentDispute.Won).Select(d => new TopUpCents(d.TopUpId, d.AmountCents)), cancellationToken);
        var parts = await db.Set<RefundPart>().AsNoTracking()
            .Where(p => p.AccountId == accountId)
            .Select(p => new { p.RefundId, p.TopUpId, p.AmountCents, Failed = p.ProviderStatus == RefundPart.FailedStatus })
            .ToListAsync(cancellationToken);
        var open = await SpecificationEvaluator.Apply(db.Set<Refund>(), new OpenRefundsSpec(accountId))
            .Select(r => new { r.Id, r.Amount })
            .ToListAsync(cancellationToken);

        var ours = parts.Where(p => !p.Failed).GroupBy(p => p.TopUpId).ToDictionary(g => g.Key, g => g.Sum(p => p.AmountCents));
        var sources = topUps.Select(t => new RefundSource(
                t.Id,
                t.ChargeId,
                t.PaymentId,
                t.PaidAt ?? t.CreatedAt,
                t.PaidCents ?? t.AmountCents,
                external.GetValueOrDefault(t.Id),
                disputed.GetValueOrDefault(t.Id),
                ours.GetValueOrDefault(t.Id)))
            .ToList();

        // An open refund claims its amount less what its provider refunds have already taken back (counted above).
        var outstanding = open.Sum(r => r.Amount.WholeCentsRoundedDown - parts.Where(p => p.RefundId == r.Id).Sum(p => p.AmountCents));
        return new RefundFunds(available, sources, outstanding);
    }

    private static async Task<Dictionary<Guid, long>> SumByTopUpAsync(IQueryable<TopUpCents> rows, CancellationToken cancellationToken) =>
        (await rows.ToListAsync(cancellationToken)).GroupBy(r => r.TopUpId).ToDictionary(g => g.Key, g => g.Sum(r => r.Cents));

    private sealed record TopUpCents(Guid TopUpId, long Cents);
}
