namespace OmniaKey.Modules.Accounts.Domain.Accounts;

/// <summary>The hot path caches account status; a status change evicts the entry so it applies at once.</summary>
internal interface IAccountStatusCache
{
    void Evict(Guid accountId);
}
