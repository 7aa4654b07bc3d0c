using OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Providers;

/// <summary>The account pseudonym sent to providers: stable per account, distinct across accounts, keyed by the server.</summary>
public sealed class UpstreamIdentityTests
{
    private static readonly byte[] Key = [.. Enumerable.Repeat((byte)7, 32)];

    [Fact]
    public void One_account_always_gets_the_same_pseudonym_and_two_accounts_different_ones()
    {
        var account = Guid.NewGuid();
        var identities = new UpstreamIdentities(Key);

        Assert.Equal(identities.For(account).EndUserId, new UpstreamIdentities(Key).For(account).EndUserId);
        Assert.NotEqual(identities.For(account).EndUserId, identities.For(Guid.NewGuid()).EndUserId);
    }

    [Fact]
    public void The_pseudonym_depends_on_the_server_key_and_does_not_contain_the_account_id()
    {
        var account = Guid.NewGuid();
        var other = new byte[32];

        var id = new UpstreamIdentities(Key).For(account).EndUserId;

        Assert.NotEqual(id, new UpstreamIdentities(other).For(account).EndUserId);
        Assert.DoesNotContain(account.ToString("N"), id, StringComparison.OrdinalIgnoreCase);
        Assert.Matches("^omk_[0-9a-f]{32}$", id);
    }

    [Fact]
    public void Scoped_values_keep_their_meaning_within_an_account_only()
    {
        var identities = new UpstreamIdentities(Key);
        var account = Guid.NewGuid();

        Assert.Equal(identities.For(account).Scoped("k", "a"), identities.For(account).Scoped("k", "a"));
        Assert.NotEqual(identities.For(account).Scoped("k", "a"), identities.For(account).Scoped("k", "b"));
        Assert.NotEqual(identities.For(account).Scoped("k", "a"), identities.For(Guid.NewGuid()).Scoped("k", "a"));
    }

    [Fact]
    public void An_accounts_pseudonym_is_derived_once_and_reused()
    {
        var identities = new UpstreamIdentities(Key);
        var account = Guid.NewGuid();

        var first = identities.For(account);

        Assert.Same(first, identities.For(account));
        Assert.NotSame(first, identities.For(Guid.NewGuid()));
    }

    [Fact]
    public void Past_the_remembered_limit_pseudonyms_are_still_the_same()
    {
        var identities = new UpstreamIdentities(Key);
        var account = Guid.NewGuid();
        var before = identities.For(account).EndUserId;

        for (var i = 0; i <= UpstreamIdentities.MaxRemembered; i++)
        {
            identities.For(Guid.NewGuid());
        }

        Assert.Equal(before, identities.For(account).EndUserId);
    }
}
