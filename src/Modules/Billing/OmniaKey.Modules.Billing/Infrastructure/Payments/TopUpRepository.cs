using Microsoft.EntityFrameworkCore;
using OmniaKey.Modules.Billing.Domain.Payments;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

internal sealed class TopUpRepository(BillingDbContext db) : ITopUpRepository
{
    public void Add(TopUp topUp) => db.TopUps.Add(topUp);

    public Task<TopUp?> FindBySessionAsync(string checkoutSessionId, CancellationToken cancellationToken) =>
        db.TopUps.AsNoTracking().FirstOrDefaultAsync(t => t.CheckoutSessionId == checkoutSessionId, cancellationToken);

    public Task<TopUp?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.TopUps.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, cancellationToken);

    public Task<TopUp?> FindPaidByPaymentAsync(string? paymentId, string? chargeId, CancellationToken cancellationToken) =>
        db.TopUps.AsNoTracking().FirstOrDefaultAsync(
            t => t.Status == TopUpStatus.Paid
                && ((paymentId != null && t.PaymentId == paymentId) || (chargeId != null && t.ChargeId == chargeId)),
            cancellationToken);

    public async Task<bool> MarkPaidAsync(Guid id, PaidTopUp paid, CancellationToken cancellationToken) =>
        await db.TopUps
            .Where(t => t.Id == id && t.Status == TopUpStatus.Pending)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.Status, TopUpStatus.Paid)
                      .SetProperty(t => t.PaidAt, paid.PaidAt)
                      .SetProperty(t => t.PaidCents, paid.PaidCents)
                      .SetProperty(t => t.PaymentId, paid.PaymentId)
                      .SetProperty(t => t.LedgerEntryId, paid.LedgerEntryId)
                      .SetProperty(t => t.PaidByEventId, paid.EventId),
                cancellationToken) == 1;

    public async Task<bool> RecordChargeAsync(Guid id, string chargeId, string? cardCountry, CancellationToken cancellationToken) =>
        await db.TopUps
            .Where(t => t.Id == id && t.ChargeId == null)
            .ExecuteUpdateAsync(
                s => s.SetProperty(t => t.ChargeId, chargeId).SetProperty(t => t.CardCountry, cardCountry),
                cancellationToken) == 1;

    public async Task<IReadOnlyList<PaymentDispute>> ListDisputesAsync(Guid? accountId, CancellationToken cancellationToken) =>
        await db.PaymentDisputes.AsNoTracking()
            .Where(d => accountId == null || d.AccountId == accountId)
            .OrderByDescending(d => d.CreatedAt)
            .ToListAsync(cancellationToken);
}
