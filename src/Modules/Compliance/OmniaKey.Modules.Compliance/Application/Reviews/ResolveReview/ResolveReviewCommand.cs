using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Compliance.Application.Reviews.ResolveReview;

/// <summary>
/// An operator closes a review: <c>allow</c> reactivates the account, <c>terminate</c> terminates it through Accounts'
/// termination (the balance is refunded per the Terms). Once only: a resolved review answers 409.
/// </summary>
internal sealed record ResolveReviewCommand(Guid ReviewId, string Outcome, string Note, string ResolvedBy) : ICommand<ReviewDto>
{
    public const string Allow = "allow";
    public const string Terminate = "terminate";
}
