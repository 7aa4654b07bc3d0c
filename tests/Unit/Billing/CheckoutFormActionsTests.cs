using OmniaKey.Modules.Billing.Infrastructure.Payments;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>Which origins the console's top-up may redirect to (CSP <c>form-action</c>, docs/adr/0045).</summary>
public sealed class CheckoutFormActionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("https://api.stripe.com")]
    [InlineData("https://files.stripe.com/")]
    [InlineData("HTTPS://API.STRIPE.COM")]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:2121")]
    public void Stripe_itself_or_no_usable_stand_in_allows_only_stripe_checkout(string? apiBase) =>
        Assert.Equal(["https://checkout.stripe.com"], CheckoutFormActions.Origins(apiBase));

    [Theory]
    [InlineData("http://127.0.0.1:41234", "http://127.0.0.1:41234")]
    [InlineData("https://stripe-mock.internal:12111/some/path", "https://stripe-mock.internal:12111")]
    [InlineData("https://notstripe.com", "https://notstripe.com")]
    public void A_stand_in_for_stripe_adds_its_own_origin(string apiBase, string origin) =>
        Assert.Equal(["https://checkout.stripe.com", origin], CheckoutFormActions.Origins(apiBase));
}
