using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Application.Mail;

/// <summary>
/// Sends an e-mailed token (verification, reset, invitation) after the command that issued it commits, in the
/// background: the answer's timing does not depend on the SMTP server, and the secret lives only in memory until it
/// is in the e-mail. Without e-mail configured nothing is sent and the token stays pending; the customer asks again.
/// </summary>
internal interface IAccountMail
{
    void SendAfterCommit(string to, AccountTokenPurpose purpose, string secret, DateTimeOffset expiresAt);

    /// <summary>Confirms to the (former) address that the account was closed.</summary>
    void SendClosingConfirmationAfterCommit(string to, DateTimeOffset closedAt);
}
