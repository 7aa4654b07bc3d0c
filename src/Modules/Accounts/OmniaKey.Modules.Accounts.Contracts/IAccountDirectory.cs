namespace OmniaKey.Modules.Accounts.Contracts;

/// <summary>Fast, cached answers about accounts for other modules and the hot path.</summary>
public interface IAccountDirectory
{
    Task<bool> ExistsAsync(Guid accountId, CancellationToken cancellationToken);

    /// <summary>The account's status, or null if there is no such account. Cached; a status change evicts it at once.</summary>
    Task<AccountStatusDto?> GetStatusAsync(Guid accountId, CancellationToken cancellationToken);
}

/// <summary>Status values: <c>active</c>, <c>suspended</c>, <c>terminated</c>.</summary>
public sealed record AccountStatusDto(Guid AccountId, string Status)
{
    public bool IsActive => Status == "active";
}
