namespace OmniaKey.Infrastructure.Hardening;

/// <summary>
/// Where a console form may lead, besides the console itself: a module that answers a form with a redirect to another
/// site (billing's top-up goes to Stripe Checkout) registers that origin, because browsers apply <c>form-action</c>
/// to the redirects that follow a form too.
/// </summary>
public sealed record ConsoleFormActionSource(string Origin);

/// <summary>
/// The web console's Content-Security-Policy: scripts and styles only from the console's own files (no inline script
/// or style at all), images from itself or data URLs, no plug-ins, no framing, forms only to itself and the registered
/// origins.
/// </summary>
public sealed class ConsoleContentSecurityPolicy(IEnumerable<ConsoleFormActionSource> formActions)
{
    public string Value { get; } =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'; form-action "
        + string.Join(' ', new[] { "'self'" }.Concat(formActions.Select(f => f.Origin).Distinct(StringComparer.Ordinal)));
}
