using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Application.Accounts.ListAccounts;

/// <summary>
/// The operators' account list and search: <see cref="Email"/> exact (case-insensitive), <see cref="EmailPrefix"/>
/// the start of an address, <see cref="Status"/> one of <c>active</c>, <c>suspended</c>, <c>terminated</c>; newest
/// first, <see cref="Limit"/> at most <see cref="MaximumLimit"/>.
/// </summary>
internal sealed record ListAccountsQuery(string? Email, string? EmailPrefix, string? Status, string? Cursor, int? Limit)
    : IQuery<AccountPageDto>
{
    public const int DefaultLimit = 20;
    public const int MaximumLimit = 100;
}

internal sealed record AccountPageDto(IReadOnlyList<AccountDto> Data, string? NextCursor);
