using System.Globalization;
using Microsoft.Extensions.Logging;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Compliance.Application.Decisions;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Domain.Decisions;
using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ObserveCardCountry;

/// <summary>
/// Records the payment's decision. A card from the Restricted Territory does not take the money back — the top-up
/// stays credited, nothing a customer paid is lost — but opens a review and suspends the account, with the reason
/// shown on the admin account view, until an operator allows or terminates it (docs/adr/0025). Idempotent on the
/// payment id: the decision's unique reference makes a second delivery (or a racing one, which then fails and is
/// retried by the outbox) find the first and do nothing.
/// </summary>
internal sealed partial class ObserveCardCountryCommandHandler(
    IAccessDecisionRepository decisions,
    IComplianceReviewRepository reviews,
    IDispatcher dispatcher,
    TimeProvider clock,
    ILogger<ObserveCardCountryCommandHandler> logger) : ICommandHandler<ObserveCardCountryCommand>
{
    public async Task Handle(ObserveCardCountryCommand command, CancellationToken cancellationToken)
    {
        if (await decisions.ReferenceExistsAsync(AccessDecision.PaymentReference(command.PaymentId), cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var decision = AccessDecisionMapping.ToEntity(AccessEvaluator.EvaluateCard(command.AccountId, command.CardCountry, command.PaymentId), now);
        decisions.Add(decision);
        if (decision.Outcome != AccessOutcomes.Review)
        {
            return;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"restricted_territory_review: payment {command.PaymentId} was made with a card issued in {decision.Country} (Terms §2); awaiting operator review");
        reason = reason.Length <= 500 ? reason : reason[..500];
        reviews.Add(new ComplianceReview
        {
            Id = Guid.CreateVersion7(now),
            AccountId = command.AccountId,
            DecisionId = decision.Id,
            Country = decision.Country!,
            Signal = decision.Signal!,
            Reason = reason,
            Status = ComplianceReview.Open,
            OpenedAt = now,
        });

        // Joins this transaction: the review and the suspension commit together or not at all.
        await dispatcher.Send(new SuspendAccountForReviewCommand(command.AccountId, reason), cancellationToken);
        LogReviewOpened(command.AccountId, command.PaymentId);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} paid with a Restricted Territory card (payment {PaymentId}): suspended for review")]
    private partial void LogReviewOpened(Guid accountId, string paymentId);
}
