using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Billing.Application.Payments.ReceiveWebhook;

namespace OmniaKey.Modules.Billing.Endpoints;

/// <summary>
/// <c>POST /webhooks/stripe</c>: anonymous, authenticated by its signature instead. The body is read raw because
/// the signature covers the exact bytes; model binding would re-serialise it.
/// </summary>
internal static class WebhookEndpoints
{
    /// <summary>Payloads are a few kilobytes; a cap keeps an unauthenticated route from buffering anything larger.</summary>
    private const int MaximumPayloadBytes = 1024 * 1024;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/stripe", async (HttpRequest request, IDispatcher dispatcher, CancellationToken ct) =>
        {
            if (request.ContentLength > MaximumPayloadBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }

            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var payload = await reader.ReadToEndAsync(ct);
            var receipt = await dispatcher.Send(new ReceivePaymentWebhookCommand(payload, request.Headers["stripe-signature"].ToString()), ct);
            return Results.Ok(receipt);
        })
        .AllowAnonymous()
        .RequireRateLimiting(RateLimitPolicies.Webhooks)
        .WithTags("Webhooks");
    }
}
