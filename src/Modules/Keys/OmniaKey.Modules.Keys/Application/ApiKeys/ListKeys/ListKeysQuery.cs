using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;

/// <summary>A page of the account's keys, oldest first, after <paramref name="Cursor"/> (a previous page's <c>next_cursor</c>).</summary>
internal sealed record ListKeysQuery(Guid AccountId, string? Cursor = null, int? Limit = null) : IQuery<KeyPageDto>
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
}

/// <summary><c>{data, next_cursor}</c>; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record KeyPageDto(IReadOnlyList<ApiKeyDto> Data, string? NextCursor);
