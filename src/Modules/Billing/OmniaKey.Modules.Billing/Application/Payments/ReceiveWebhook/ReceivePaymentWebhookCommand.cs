using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Billing.Application.Payments.ReceiveWebhook;

/// <summary>One webhook delivery from the payment provider: the raw body, exactly as signed, and its signature header.</summary>
internal sealed record ReceivePaymentWebhookCommand(string Payload, string? Signature) : ICommand<WebhookReceiptDto>;

/// <summary>The acknowledgement: which event it was and what OmniaKey did with it (see <see cref="WebhookOutcome"/>).</summary>
internal sealed record WebhookReceiptDto(bool Received, string EventId, string Outcome);
