using FluentValidation;

namespace OmniaKey.Modules.Routing.Application.Channels;

/// <summary>The field rules shared by creating and updating a channel.</summary>
internal static class ChannelRules
{
    public const int MaxPriority = 1000;
    public const int MaxWeight = 1000;

    public static IRuleBuilderOptions<T, string?> ValidBaseUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(url => url is null || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query)))
            .WithMessage("must be an absolute http(s) URL without a query string.");

    public static IRuleBuilderOptions<T, int?> ValidPriority<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(0, MaxPriority);

    public static IRuleBuilderOptions<T, int?> ValidWeight<T>(this IRuleBuilder<T, int?> rule) =>
        rule.InclusiveBetween(1, MaxWeight);

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidModels<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(models => models is null || (models.Count <= 500 && models.All(m => !string.IsNullOrWhiteSpace(m) && m.Length <= 200)))
            .WithMessage("must be a list of at most 500 non-empty model ids.");
}
