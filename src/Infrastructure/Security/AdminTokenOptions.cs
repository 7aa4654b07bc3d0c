using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OmniaKey.Infrastructure.Security;

/// <summary>
/// <c>Admin:BootstrapToken</c>. Unset or empty closes the admin API; set, it must be at least
/// <see cref="MinimumLength"/> characters, or start-up fails naming the key (docs/adr/0030): a short token can be
/// guessed, and the failure throttle only slows guessing down.
/// </summary>
public sealed class AdminTokenOptions
{
    public const string Section = "Admin";
    public const int MinimumLength = 32;

    public string? BootstrapToken { get; set; }

    public static string? Problem(string? token) =>
        string.IsNullOrEmpty(token) || token.Length >= MinimumLength
            ? null
            : $"Admin:BootstrapToken must be at least {MinimumLength} characters long (it has {token.Length}); use a random value, " +
              "e.g. `openssl rand -base64 32`, or leave it unset to close the admin API.";

    internal static void Register(IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<AdminTokenOptions>, AdminTokenOptionsValidator>();
        services.AddOptions<AdminTokenOptions>().BindConfiguration(Section).ValidateOnStart();
    }
}

/// <summary>Names the exact problem instead of the generic validation message.</summary>
internal sealed class AdminTokenOptionsValidator : IValidateOptions<AdminTokenOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminTokenOptions options) =>
        AdminTokenOptions.Problem(options.BootstrapToken) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
