using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// Computes the <c>Stripe-Signature</c> header the way Stripe does (https://docs.stripe.com/webhooks#verify-manually):
/// <c>t={unix seconds},v1={hex HMAC-SHA256 of "{t}.{payload}" keyed with the endpoint secret}</c>. Written here
/// rather than with Stripe.net so the tests check OmniaKey against the documented scheme, not against itself.
/// </summary>
public static class StripeWebhookSigner
{
    public static string Sign(string payload, string secret = FakeStripeServer.WebhookSecret, DateTimeOffset? at = null)
    {
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{payload}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
