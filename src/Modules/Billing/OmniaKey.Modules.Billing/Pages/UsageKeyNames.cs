using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Contracts;

namespace OmniaKey.Modules.Billing.Pages;

/// <summary>
/// The account's keys by id, for naming the key of a usage record. Keys are the Keys module's: read through its
/// contract (<see cref="ListAccountKeysQuery"/>), never its tables. A record whose key is not listed shows its id.
/// </summary>
internal sealed class UsageKeyNames(IReadOnlyList<AccountKeyDto> keys)
{
    private readonly Dictionary<Guid, AccountKeyDto> byId = keys.ToDictionary(k => k.Id);

    public static UsageKeyNames None { get; } = new([]);

    /// <summary>Every key of the account, newest first (active and revoked: revoked keys have usage too).</summary>
    public IReadOnlyList<AccountKeyDto> All { get; } = keys;

    public static async Task<UsageKeyNames> LoadAsync(IDispatcher dispatcher, Guid accountId, CancellationToken cancellationToken) =>
        new(await dispatcher.Query(new ListAccountKeysQuery(accountId), cancellationToken));

    public AccountKeyDto? Find(Guid keyId) => byId.GetValueOrDefault(keyId);

    /// <summary>How the key's secret starts and ends, e.g. <c>sk-omk-a1b2c3…wxyz</c>, as the tokens page shows it.</summary>
    public static string Hint(AccountKeyDto key) => key.LastFour is null ? key.Prefix + "…" : key.Prefix + "…" + key.LastFour;
}
