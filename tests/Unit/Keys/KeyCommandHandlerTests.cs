using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Exceptions;
using OmniaKey.Domain.Primitives;
using OmniaKey.Modules.Keys.Application.ApiKeys;
using OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;
using OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Keys.Domain.ApiKeys;
using OmniaKey.Modules.Keys.Infrastructure;
using OmniaKey.Modules.Keys.Infrastructure.Persistence;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

public sealed class KeyCommandHandlerTests : ModuleTestBase
{
    private static readonly Guid Account = Guid.CreateVersion7();

    private IApiKeyAuthenticator Authenticator => Host.Services.GetRequiredService<IApiKeyAuthenticator>();

    [Fact]
    public async Task A_new_key_is_shown_once_and_stored_only_as_its_hash()
    {
        var created = await Host.SendAsync(new CreateKeyCommand(Account, "  laptop  "));

        Assert.StartsWith("sk-omk-", created.Key, StringComparison.Ordinal);
        Assert.Equal("laptop", created.Name);
        Assert.Equal("active", created.Status);
        Assert.Equal(created.Key[..13], created.Prefix);

        var stored = await Host.ReadAsync<KeysDbContext, ApiKey>(db => db.ApiKeys.AsNoTracking().SingleAsync());
        Assert.Equal(ApiKeySecret.HashOf(created.Key), stored.Hash);
        Assert.Equal(Account, stored.AccountId);

        // No column of the table holds the key, nor its random part.
        var randomPart = created.Key["sk-omk-".Length..];
        var everything = await Host.ReadAllTextAsync("keys_api_keys");
        Assert.NotEmpty(everything);
        Assert.DoesNotContain(everything, value => value.Contains(randomPart[6..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_key_authenticates_at_once_as_its_account()
    {
        var created = await Host.SendAsync(new CreateKeyCommand(Account, "laptop"));

        var identity = await Authenticator.AuthenticateAsync(created.Key, CancellationToken.None);

        Assert.Equal(new ApiKeyIdentity(created.Id, Account), identity);
    }

    [Fact]
    public async Task Listing_shows_status_and_prefix_but_never_the_key()
    {
        // Keys are listed in creation order (version 7 ids), which is only as fine as a millisecond.
        var first = await Host.SendAsync(new CreateKeyCommand(Account, "one"));
        Host.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await Host.SendAsync(new CreateKeyCommand(Account, "two"));
        await Host.SendAsync(new CreateKeyCommand(Guid.CreateVersion7(), "someone else's"));
        await Host.SendAsync(new RevokeKeyCommand(Account, first.Id));

        var keys = (await Host.QueryAsync(new ListKeysQuery(Account))).Data;

        Assert.Equal([first.Id, second.Id], keys.Select(k => k.Id));
        Assert.Equal(["revoked", "active"], keys.Select(k => k.Status));
        Assert.Equal(Host.Clock.GetUtcNow(), keys[0].RevokedAt);
        Assert.Equal(first.Prefix, keys[0].Prefix);
        Assert.DoesNotContain(keys, k => k.ToString().Contains(first.Key, StringComparison.Ordinal) || k.ToString().Contains(second.Key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_the_very_next_request_even_when_cached()
    {
        var created = await Host.SendAsync(new CreateKeyCommand(Account, "laptop"));
        Assert.NotNull(await Authenticator.AuthenticateAsync(created.Key, CancellationToken.None)); // now cached

        var revoked = await Host.SendAsync(new RevokeKeyCommand(Account, created.Id));

        Assert.Equal("revoked", revoked.Status);
        Assert.Null(await Authenticator.AuthenticateAsync(created.Key, CancellationToken.None));
    }

    [Fact]
    public async Task Revoking_twice_breaks_the_key_must_be_active_rule()
    {
        var created = await Host.SendAsync(new CreateKeyCommand(Account, "laptop"));
        await Host.SendAsync(new RevokeKeyCommand(Account, created.Id));

        var error = await Assert.ThrowsAsync<BusinessRuleViolationException>(() => Host.SendAsync(new RevokeKeyCommand(Account, created.Id)));

        Assert.Equal("key_revoked", error.Code);
    }

    [Fact]
    public async Task Another_account_cannot_revoke_or_rotate_a_key()
    {
        var created = await Host.SendAsync(new CreateKeyCommand(Account, "laptop"));
        var stranger = Guid.CreateVersion7();

        Assert.Equal("key_not_found", (await Assert.ThrowsAsync<NotFoundException>(() => Host.SendAsync(new RevokeKeyCommand(stranger, created.Id)))).Code);
        Assert.Equal("key_not_found", (await Assert.ThrowsAsync<NotFoundException>(() => Host.SendAsync(new RotateKeyCommand(stranger, created.Id)))).Code);
        Assert.NotNull(await Authenticator.AuthenticateAsync(created.Key, CancellationToken.None));
    }

    [Fact]
    public async Task Rotation_revokes_the_old_key_and_issues_a_new_one_with_the_same_name()
    {
        var old = await Host.SendAsync(new CreateKeyCommand(Account, "ci"));
        Assert.NotNull(await Authenticator.AuthenticateAsync(old.Key, CancellationToken.None));

        var replacement = await Host.SendAsync(new RotateKeyCommand(Account, old.Id));

        Assert.Equal("ci", replacement.Name);
        Assert.NotEqual(old.Key, replacement.Key);
        Assert.Null(await Authenticator.AuthenticateAsync(old.Key, CancellationToken.None));
        Assert.Equal(new ApiKeyIdentity(replacement.Id, Account), await Authenticator.AuthenticateAsync(replacement.Key, CancellationToken.None));
    }

    [Fact]
    public async Task An_account_may_hold_one_hundred_active_keys_and_revoked_keys_do_not_count()
    {
        var keys = new List<CreatedApiKeyDto>();
        for (var i = 0; i < CreateKeyCommandHandler.MaxActiveKeysPerAccount; i++)
        {
            keys.Add(await Host.SendAsync(new CreateKeyCommand(Account, $"key {i}")));
        }

        var error = await Assert.ThrowsAsync<ConflictException>(() => Host.SendAsync(new CreateKeyCommand(Account, "one too many")));
        Assert.Equal("too_many_keys", error.Code);

        await Host.SendAsync(new RevokeKeyCommand(Account, keys[0].Id));
        Assert.Equal("active", (await Host.SendAsync(new CreateKeyCommand(Account, "replacement"))).Status);
        Assert.Equal("active", (await Host.SendAsync(new CreateKeyCommand(Guid.CreateVersion7(), "other account"))).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk-omk-")]
    [InlineData("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")]
    [InlineData("sk-omk-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Unknown_or_foreign_keys_do_not_authenticate(string presented)
    {
        await Host.SendAsync(new CreateKeyCommand(Account, "laptop"));

        Assert.Null(await Authenticator.AuthenticateAsync(presented, CancellationToken.None));
    }

    [Fact]
    public async Task Creating_a_key_evicts_its_hash_from_the_key_cache_once_the_key_is_committed()
    {
        var evictions = new List<(string Hash, bool Committed)>();
        await using var host = await ModuleTestHost.StartAsync(services => services.AddSingleton<IApiKeyCache>(sp =>
            new RecordingKeyCache(sp.GetRequiredService<CachedApiKeyAuthenticator>(), sp.GetRequiredService<IServiceScopeFactory>(), evictions)));

        var created = await host.SendAsync(new CreateKeyCommand(Account, "laptop"));

        Assert.Equal([(ApiKeySecret.HashOf(created.Key), true)], evictions);
    }

    /// <summary>Records each eviction, and whether the key with that hash was already in the database by then.</summary>
    private sealed class RecordingKeyCache(CachedApiKeyAuthenticator inner, IServiceScopeFactory scopes, List<(string Hash, bool Committed)> evictions)
        : IApiKeyCache
    {
        public void Evict(string keyHash)
        {
            using var scope = scopes.CreateScope();
            var committed = scope.ServiceProvider.GetRequiredService<KeysDbContext>().ApiKeys.Any(k => k.Hash == keyHash);
            evictions.Add((keyHash, committed));
            inner.Evict(keyHash);
        }
    }
}
