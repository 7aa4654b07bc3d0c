using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;

/// <summary>E-mails the owner of <see cref="Email"/> that a sign-up with their address was refused.</summary>
internal sealed record NotifySignUpAttemptCommand(string Email) : ICommand;
