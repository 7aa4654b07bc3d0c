using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.GetAccountDetails;

internal sealed class GetAccountDetailsQueryHandler(IAccountRepository accounts, IDispatcher dispatcher)
    : IQueryHandler<GetAccountDetailsQuery, AccountDetailsDto>
{
    public async Task<AccountDetailsDto> Handle(GetAccountDetailsQuery query, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(query.AccountId, cancellationToken)
            ?? throw new NotFoundException("account_not_found", $"Account {query.AccountId} does not exist.");
        var balance = await dispatcher.Query(new GetBalanceQuery(account.Id), cancellationToken);
        var keys = await dispatcher.Query(new ListAccountKeysQuery(account.Id), cancellationToken);
        var statusReason = account.Status switch
        {
            AccountStatus.Suspended => account.SuspensionReason,
            AccountStatus.Terminated => account.TerminationReason,
            _ => null,
        };
        var termination = account.Status == AccountStatus.Terminated
            ? new TerminationDto(account.TerminationReason, account.TerminatedForMaterialBreach, account.TerminatedAt)
            : null;
        var eligibility = account.Eligibility is { } statement
            ? new EligibilityDto(statement.TermsVersion, statement.ConfirmedAt, statement.IpAddress)
            : null;
        return new AccountDetailsDto(
            account.Id,
            account.Email,
            AccountMapping.StatusName(account.Status),
            account.Country,
            account.CreatedAt,
            balance,
            account.SuspensionReason,
            statusReason,
            termination,
            eligibility,
            keys);
    }
}
