namespace OmniaKey.Modules.Accounts.Domain.Accounts;

/// <summary>
/// Which accounts an operator lists: an exact (normalised) e-mail, or an e-mail prefix, and a status; after a keyset
/// position (creation time, id), newest first.
/// </summary>
internal sealed record AccountListFilter(
    string? Email,
    string? EmailPrefix,
    AccountStatus? Status,
    DateTimeOffset? AfterCreatedAt,
    Guid? AfterId);
