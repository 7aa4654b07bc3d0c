namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;

/// <summary>
/// Tells the owner of an address that someone tried to sign up with it (docs/adr/0030): sign-up answers a taken
/// address exactly like a free one, so the owner learns of the attempt by e-mail instead of the caller by the answer.
/// </summary>
internal interface ISignUpAttemptNotices
{
    /// <summary>Sends the notice in the background once the current command has committed.</summary>
    void EnqueueAfterCommit(string email);
}
