using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUp;

internal sealed record SignUpCommand(
    string Email,
    string Password,
    string Country,
    string TermsVersion,
    bool EligibilityConfirmed,
    string? IpAddress) : ICommand<SignUpResult>;

internal sealed record SignUpResult(Guid Id, string Email);
