using Microsoft.Extensions.Configuration;

namespace OmniaKey.Infrastructure.Hardening;

/// <summary>
/// Checks the whole configuration before any service is registered and fails start-up with ONE error that lists every
/// bad setting (docs/adr/0037), instead of stopping at the first, or worse, failing on the first request that reads
/// it. Several settings are read while services are registered (the database provider, the trusted proxies, the abuse
/// limits), which is before <c>ValidateOnStart</c> could run; so the checks run first, here. Messages name the key and
/// the reason, never a secret's value (the admin token is described by its length, a connection string not at all).
/// </summary>
public static class StartupConfiguration
{
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        var problems = Problems(configuration);
        if (problems.Count > 0)
        {
            throw new InvalidConfigurationException(problems);
        }
    }

    public static IReadOnlyList<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var check in ConfigurationChecks.All)
        {
            check(configuration, problems);
        }

        return problems;
    }
}

/// <summary>Start-up refused: <see cref="Problems"/> lists every bad setting, each naming its key.</summary>
public sealed class InvalidConfigurationException(IReadOnlyList<string> problems)
    : InvalidOperationException(Describe(problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;

    private static string Describe(IReadOnlyList<string> problems) =>
        $"OmniaKey cannot start: {problems.Count} configuration problem{(problems.Count == 1 ? string.Empty : "s")} "
        + "(see the configuration table in README.md and docs/deployment.md):" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
