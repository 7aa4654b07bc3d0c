namespace OmniaKey.Modules.Accounts.Domain.Sessions;

/// <summary>Forgets an account's cached session state (after a change commits).</summary>
internal interface ISessionStateCache
{
    void Evict(Guid accountId);
}
