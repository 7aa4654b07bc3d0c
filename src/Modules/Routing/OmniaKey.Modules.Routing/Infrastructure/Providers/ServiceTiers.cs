using System.Text.Json.Nodes;

namespace OmniaKey.Modules.Routing.Infrastructure.Providers;

/// <summary>
/// The catalogue carries one price per model: the standard tier's. A client asking for another tier (OpenAI's
/// <c>priority</c> is billed at about twice the list price, <c>flex</c> and <c>scale</c> differently again) is refused
/// with a 400 rather than forwarded at a price we do not charge, whichever provider serves the model.
/// </summary>
internal static class ServiceTiers
{
    /// <summary>The values that mean "the standard tier": OpenAI's <c>auto</c> (the project default) and <c>default</c>.</summary>
    public static readonly IReadOnlySet<string> Standard = new HashSet<string>(StringComparer.Ordinal) { "auto", "default" };

    /// <summary>Throws <see cref="RequestTranslationException"/> naming <c>service_tier</c> unless it is absent or standard.</summary>
    public static void EnsureStandard(JsonObject body)
    {
        var node = body["service_tier"];
        if (node is null)
        {
            return;
        }

        if (node is not JsonValue value || !value.TryGetValue<string>(out var tier) || !Standard.Contains(tier))
        {
            throw new RequestTranslationException(
                "service_tier",
                "Only the standard service tier is available through this gateway: 'service_tier' must be 'auto' or 'default', or be left out.");
        }
    }
}
