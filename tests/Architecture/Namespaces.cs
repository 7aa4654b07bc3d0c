namespace OmniaKey.ArchitectureTests;

/// <summary>
/// Namespaces the rules name. NetArchTest matches them by whole namespace segments: <c>Stripe</c> matches
/// <c>Stripe.Checkout.Session</c> but not <c>StripeX</c>, and <c>OmniaKey.Infrastructure</c> does not match
/// <c>OmniaKey.Modules.Billing.Infrastructure</c>.
/// </summary>
internal static class Namespaces
{
    public const string Domain = "OmniaKey.Domain";
    public const string Application = "OmniaKey.Application";
    public const string Infrastructure = "OmniaKey.Infrastructure";
    public const string Api = "OmniaKey.Api";
    public const string Modules = "OmniaKey.Modules";

    public const string BaseClassLibrary = "System";
    public const string MediatR = "MediatR";
    public const string EntityFrameworkCore = "Microsoft.EntityFrameworkCore";
    public const string AspNetCore = "Microsoft.AspNetCore";
    public const string Hangfire = "Hangfire";
    public const string Stripe = "Stripe";

    /// <summary>
    /// The compiler's holder of constant data (collection expressions of constants, <c>u8</c> literals). It is
    /// part of the assembly that uses it, so allow-lists accept it. NetArchTest reads a global-namespace type as an
    /// empty namespace segment followed by the type name, hence the leading dot.
    /// </summary>
    public const string PrivateImplementationDetails = ".<PrivateImplementationDetails>";

    /// <summary>True when <paramref name="type"/> is declared in <paramref name="ns"/> or one of its sub-namespaces.</summary>
    public static bool Contains(string ns, Type type) =>
        type.Namespace is { } typeNamespace
        && (typeNamespace == ns || typeNamespace.StartsWith(ns + ".", StringComparison.Ordinal));
}
