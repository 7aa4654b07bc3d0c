using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.SignUp;

public sealed record SignUpCommand(
    string Email,
    string Password,
    string Country,
    string TermsVersion,
    bool EligibilityConfirmed,
    string? IpAddress) : ICommand<SignUpResult>;

public sealed record SignUpResult(Guid Id, string Email);
