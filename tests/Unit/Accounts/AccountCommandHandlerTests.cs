using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Accounts.Application.Accounts.ChangeAccountStatus;
using OmniaKey.Modules.Accounts.Application.Accounts.CreateAccount;
using OmniaKey.Modules.Accounts.Application.Accounts.GetAccount;
using OmniaKey.Modules.Accounts.Application.Accounts.ListAccounts;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

public sealed class AccountCommandHandlerTests : ModuleTestBase
{
    [Fact]
    public async Task An_operator_opens_an_active_account_with_a_zero_balance()
    {
        var created = await Host.SendAsync(new CreateAccountCommand(" Ops@Example.com", "de"));

        var read = await Host.QueryAsync(new GetAccountQuery(created.Id));
        Assert.Equal(created.Id, read.Id);
        Assert.Equal("ops@example.com", read.Email);
        Assert.Equal("DE", read.Country);
        Assert.Equal("active", read.Status);
        Assert.Equal("0", read.Balance.AvailableUsd);
        Assert.Equal("0", read.Balance.ReservedUsd);
    }

    [Fact]
    public async Task Opening_a_second_account_for_the_same_email_is_a_conflict()
    {
        await Host.SendAsync(new CreateAccountCommand("ops@example.com", "DE"));

        var error = await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(new CreateAccountCommand("OPS@example.com", "FR")));

        Assert.Equal("email_taken", error.Code);
    }

    [Fact]
    public async Task Find_by_email_ignores_letter_case_and_finds_nothing_for_an_unknown_address()
    {
        var created = await Host.SendAsync(new CreateAccountCommand("ops@example.com", "DE"));

        Assert.Equal(created.Id, Assert.Single((await Host.QueryAsync(new ListAccountsQuery("OPS@EXAMPLE.COM", null, null, null, null))).Data).Id);
        Assert.Empty((await Host.QueryAsync(new ListAccountsQuery("nobody@example.com", null, null, null, null))).Data);
    }

    [Fact]
    public async Task An_unknown_account_is_not_found()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Host.QueryAsync(new GetAccountQuery(Guid.NewGuid())));

        Assert.Equal("account_not_found", error.Code);
    }

    [Fact]
    public async Task Suspension_reaches_the_hot_path_status_cache_at_once()
    {
        var created = await Host.SendAsync(new CreateAccountCommand("ops@example.com", "DE"));
        var directory = Host.Services.GetRequiredService<IAccountDirectory>();
        Assert.True((await directory.GetStatusAsync(created.Id, CancellationToken.None))!.IsActive); // now cached

        await Host.SendAsync(new ChangeAccountStatusCommand(created.Id, Suspend: true));
        Assert.False((await directory.GetStatusAsync(created.Id, CancellationToken.None))!.IsActive);
        Assert.Equal("suspended", (await Host.QueryAsync(new GetAccountQuery(created.Id))).Status);

        await Host.SendAsync(new ChangeAccountStatusCommand(created.Id, Suspend: false));
        Assert.True((await directory.GetStatusAsync(created.Id, CancellationToken.None))!.IsActive);
    }

    [Fact]
    public async Task A_request_arriving_right_after_the_eviction_cannot_re_cache_the_old_status()
    {
        // The decorator plays a hot-path request that looks the status up the instant the cache entry is evicted.
        await using var host = await ModuleTestHost.StartAsync(services => services.AddSingleton<IAccountStatusCache>(sp =>
            new LookUpAfterEviction(sp.GetRequiredService<CachedAccountDirectory>())));
        var created = await host.SendAsync(new CreateAccountCommand("ops@example.com", "DE"));

        await host.SendAsync(new ChangeAccountStatusCommand(created.Id, Suspend: true));

        var status = await host.Services.GetRequiredService<IAccountDirectory>().GetStatusAsync(created.Id, CancellationToken.None);
        Assert.Equal("suspended", status?.Status);
    }

    [Fact]
    public async Task Changing_the_status_of_an_unknown_account_is_not_found()
    {
        var error = await Assert.ThrowsAsync<NotFoundException>(() => Host.SendAsync(new ChangeAccountStatusCommand(Guid.NewGuid(), Suspend: true)));

        Assert.Equal("account_not_found", error.Code);
    }

    private sealed class LookUpAfterEviction(CachedAccountDirectory directory) : IAccountStatusCache
    {
        public void Evict(Guid accountId)
        {
            directory.Evict(accountId);
            _ = directory.GetStatusAsync(accountId, CancellationToken.None).GetAwaiter().GetResult();
        }
    }
}
