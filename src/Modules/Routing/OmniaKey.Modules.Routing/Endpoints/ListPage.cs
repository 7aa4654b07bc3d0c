namespace OmniaKey.Modules.Routing.Endpoints;

/// <summary>
/// The list envelope of the admin lists that are not paged yet (<c>next_cursor</c> is always null). A named type, not
/// an anonymous one, so that the request delegate generator can generate these endpoints at build time.
/// </summary>
internal sealed record ListPage<T>(IReadOnlyList<T> Data, string? NextCursor = null);
