namespace OmniaKey.Modules.Billing.Application;

/// <summary>A page of a list: <c>{data, next_cursor}</c>; <see cref="NextCursor"/> is null on the last page.</summary>
internal sealed record PageDto<T>(IReadOnlyList<T> Data, string? NextCursor);
