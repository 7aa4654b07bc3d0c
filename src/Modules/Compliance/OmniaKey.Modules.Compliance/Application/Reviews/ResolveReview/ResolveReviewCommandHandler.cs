using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Compliance.Domain.Reviews;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ResolveReview;

/// <summary>
/// Claims the open review with one conditional update (so two operators cannot both resolve it), then acts on the
/// account through Accounts' public commands, which join this transaction: the resolution and its effect on the
/// account commit together, and a termination's refund follows through the outbox as for any termination.
/// </summary>
internal sealed class ResolveReviewCommandHandler(IComplianceReviewRepository reviews, IDispatcher dispatcher, TimeProvider clock)
    : ICommandHandler<ResolveReviewCommand, ReviewDto>
{
    public async Task<ReviewDto> Handle(ResolveReviewCommand command, CancellationToken cancellationToken)
    {
        var review = await reviews.FindAsync(command.ReviewId, cancellationToken)
            ?? throw new NotFoundException("review_not_found", $"Review {command.ReviewId} does not exist.");
        var status = command.Outcome == ResolveReviewCommand.Allow ? ComplianceReview.Allowed : ComplianceReview.Terminated;
        var resolution = new ReviewResolution(status, clock.GetUtcNow(), command.ResolvedBy, command.Note.Trim());
        if (review.Status != ComplianceReview.Open || !await reviews.TryResolveAsync(review.Id, resolution, cancellationToken))
        {
            throw new ConflictException("review_already_resolved", $"Review {command.ReviewId} has already been resolved.");
        }

        if (status == ComplianceReview.Allowed)
        {
            await dispatcher.Send(new ReactivateAccountCommand(review.AccountId), cancellationToken);
        }
        else
        {
            var reason = $"Restricted Territory (Terms §2), review {review.Id}: {resolution.Note}";
            await dispatcher.Send(new TerminateAccountCommand(review.AccountId, reason.Length <= 500 ? reason : reason[..500], MaterialBreach: false), cancellationToken);
        }

        review.Status = resolution.Status;
        review.ResolvedAt = resolution.ResolvedAt;
        review.ResolvedBy = resolution.ResolvedBy;
        review.ResolutionNote = resolution.Note;
        return ReviewDto.From(review);
    }
}
