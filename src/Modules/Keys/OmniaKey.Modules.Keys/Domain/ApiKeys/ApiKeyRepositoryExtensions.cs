namespace OmniaKey.Modules.Keys.Domain.ApiKeys;

internal static class ApiKeyRepositoryExtensions
{
    private const int PageSize = 200;

    /// <summary>Every key of the account (active and revoked) in creation order, read page by page.</summary>
    public static async Task<IReadOnlyList<ApiKey>> ListAllAsync(this IApiKeyRepository keys, Guid accountId, CancellationToken cancellationToken)
    {
        var all = new List<ApiKey>();
        Guid? after = null;
        while (true)
        {
            var page = await keys.ListAsync(accountId, after, PageSize, cancellationToken);
            all.AddRange(page);
            if (page.Count < PageSize)
            {
                return all;
            }

            after = page[^1].Id;
        }
    }
}
