using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Policies.Contracts;

namespace OmniaKey.Modules.Accounts.Application.SelfService;

/// <summary><c>GET /api/v1/account</c>: the signed-in customer's own account.</summary>
internal sealed record GetMyAccountQuery(Guid AccountId) : IQuery<MyAccountDto>;

/// <summary><see cref="TermsVersion"/> is the version of the newest acceptance (null if none was recorded).</summary>
internal sealed record MyAccountDto(Guid Id, string Email, string Status, string Country, string? TermsVersion, bool EmailVerified, DateTimeOffset CreatedAt);

internal sealed class GetMyAccountQueryHandler(IAccountRepository accounts, IDispatcher dispatcher) : IQueryHandler<GetMyAccountQuery, MyAccountDto>
{
    public async Task<MyAccountDto> Handle(GetMyAccountQuery query, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(query.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", "The account does not exist.");
        var acceptances = await dispatcher.Query(new GetTermsAcceptancesQuery(account.Id), cancellationToken);
        return new MyAccountDto(
            account.Id,
            account.Email,
            AccountMapping.StatusName(account.Status),
            account.Country,
            acceptances.Count > 0 ? acceptances[0].Version : null,
            account.EmailVerifiedAt is not null,
            account.CreatedAt);
    }
}
