using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence.Specifications;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

/// <summary>The account search by e-mail address: exact match on the normalised address, nothing looser.</summary>
public sealed class AccountByEmailSpecTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 9, 30, 0, TimeSpan.Zero);

    private static readonly Account Ops = Account.CreateByOperator("Ops@Example.com", "US", Now);
    private static readonly Account Opsy = Account.CreateByOperator("opsy@example.com", "US", Now);

    [Fact]
    public void Finds_the_account_by_its_normalised_address()
    {
        var found = new AccountByEmailSpec(Account.NormalizeEmail(" OPS@example.COM ")).Evaluate([Opsy, Ops]);

        Assert.Same(Ops, Assert.Single(found));
    }

    [Fact]
    public void Matches_neither_a_prefix_nor_an_address_that_was_not_normalised()
    {
        Assert.False(new AccountByEmailSpec("ops@example").IsSatisfiedBy(Ops));
        Assert.False(new AccountByEmailSpec("OPS@EXAMPLE.COM").IsSatisfiedBy(Ops));
        Assert.True(new AccountByEmailSpec("ops@example.com").IsSatisfiedBy(Ops));
    }
}
