using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Billing.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;

internal sealed class CreateAccountCommandHandler(IAccountRepository accounts, TimeProvider clock)
    : ICommandHandler<CreateAccountCommand, AccountDto>
{
    public async Task<AccountDto> Handle(CreateAccountCommand command, CancellationToken cancellationToken)
    {
        var email = Account.NormalizeEmail(command.Email);
        if (await accounts.EmailExistsAsync(email, cancellationToken))
        {
            throw new ConflictException("email_taken", "An account with this e-mail address already exists.");
        }

        var account = Account.CreateByOperator(email, command.Country, clock.GetUtcNow());
        accounts.Add(account);
        return AccountMapping.ToDto(account, new BalanceDto("0", "0"));
    }
}
