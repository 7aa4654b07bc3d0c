using Microsoft.EntityFrameworkCore;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Billing.Domain.Payments;
using OmniaKey.Modules.Billing.Infrastructure.Persistence;

namespace OmniaKey.Modules.Billing.Infrastructure.Payments;

internal sealed class PaymentEventLog(BillingDbContext db, IUnitOfWork unitOfWork) : IPaymentEventLog
{
    public Task<bool> IsProcessedAsync(string eventId, CancellationToken cancellationToken) =>
        db.PaymentEvents.AnyAsync(e => e.Id == eventId && e.ProcessedAt != null, cancellationToken);

    public async Task RecordReceivedAsync(PaymentEvent paymentEvent, CancellationToken cancellationToken)
    {
        if (await db.PaymentEvents.AnyAsync(e => e.Id == paymentEvent.Id, cancellationToken))
        {
            return;
        }

        db.PaymentEvents.Add(paymentEvent);
        try
        {
            await unitOfWork.FlushAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            if (!await ExistsAsync(paymentEvent.Id, cancellationToken))
            {
                throw;
            }

            // A concurrent delivery of the same event recorded it first; both go on to the idempotent processing.
        }
        finally
        {
            // MarkProcessedAsync updates the row with SQL; a tracked copy must not be saved over it.
            db.Entry(paymentEvent).State = EntityState.Detached;
        }
    }

    public Task MarkProcessedAsync(string eventId, string outcome, DateTimeOffset processedAt, CancellationToken cancellationToken) =>
        db.PaymentEvents
            .Where(e => e.Id == eventId && e.ProcessedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, processedAt).SetProperty(e => e.Outcome, outcome), cancellationToken);

    private Task<bool> ExistsAsync(string eventId, CancellationToken cancellationToken) =>
        db.PaymentEvents.AsNoTracking().AnyAsync(e => e.Id == eventId, cancellationToken);
}
