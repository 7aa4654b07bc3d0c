using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Payments;
using OmniaKey.Modules.Billing.Application.Payments.CreateCheckout;
using OmniaKey.Modules.Billing.Application.Payments.GetCheckoutResult;
using OmniaKey.Modules.Billing.Application.Refunds;
using OmniaKey.Modules.Billing.Application.Refunds.RequestRefund;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Billing.Pages;

/// <summary>
/// <c>/dashboard/billing</c>: balance, top-up through the payment provider's hosted checkout (the API's checkout
/// command, then a 303 to its page), the result when the customer comes back, the ledger, refund requests (the API's
/// refund command) and their status. Everything the page shows is read by <see cref="BillingView"/>.
/// </summary>
internal sealed class BillingModel(IDispatcher dispatcher, TopUpLimits limits, IStringLocalizer<PaymentsText> text) : ConsolePageModel
{
    /// <summary>Where Stripe Checkout returns the customer: <c>success</c> or <c>cancelled</c> (Billing:Checkout:*Url).</summary>
    [BindProperty(SupportsGet = true, Name = "checkout")]
    public string? Checkout { get; set; }

    [BindProperty(SupportsGet = true, Name = "session_id")]
    public string? SessionId { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? LedgerCursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "refunds_cursor")]
    public string? RefundsCursor { get; set; }

    [BindProperty(Name = "amount_usd")]
    public string? AmountUsd { get; set; }

    [BindProperty(Name = "refund_amount_usd")]
    public string? RefundAmountUsd { get; set; }

    /// <summary>One per rendered refund form: sending the same form twice returns the first refund instead of a second.</summary>
    [BindProperty(Name = "refund_key")]
    public string? RefundKey { get; set; }

    public string Minimum => limits.Minimum.ToString();

    public string Maximum => limits.Maximum.ToString();

    public long MinimumNanoUsd => limits.Minimum.NanoUsd;

    public long MaximumNanoUsd => limits.Maximum.NanoUsd;

    public BillingView View { get; private set; } = BillingView.Empty;

    /// <summary>The outcome of the checkout the customer just came back from, if any.</summary>
    public CheckoutReturn? Returned { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostTopUpAsync()
    {
        CheckoutSessionDto? session = null;
        var command = new CreateCheckoutCommand(AccountId, AmountUsd?.Trim() ?? string.Empty, ClientIp);
        if (!await TryAsync(async () => session = await dispatcher.SendRecordingDenial(command, HttpContext.RequestAborted)))
        {
            await LoadAsync();
            return Page();
        }

        // 303: the browser follows with a GET, whatever the form's method. The checkout's origin is allowed in the
        // console's CSP form-action (CheckoutFormActions), which browsers apply to this redirect too.
        Response.Headers.Location = session!.CheckoutUrl;
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    public async Task<IActionResult> OnPostRefundAsync()
    {
        RefundDto? refund = null;
        var amount = string.IsNullOrWhiteSpace(RefundAmountUsd) ? null : RefundAmountUsd.Trim();
        var key = string.IsNullOrWhiteSpace(RefundKey) ? null : "console-" + RefundKey.Trim();
        if (!await TryAsync(async () => refund = await dispatcher.Send(new RequestRefundCommand(AccountId, amount, key), HttpContext.RequestAborted)))
        {
            await LoadAsync();
            return Page();
        }

        TempData["Notice"] = text["Refund.Requested", ConsoleFormat.Usd(refund!.AmountUsd)].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        RefundKey = Guid.NewGuid().ToString("N");
        if (!await TryAsync(async () => View = await BillingView.LoadAsync(dispatcher, AccountId, LedgerCursor, RefundsCursor, cancellationToken)))
        {
            // A stale or hand-made cursor: show the first pages rather than nothing.
            View = await BillingView.LoadAsync(dispatcher, AccountId, null, null, cancellationToken);
        }

        Returned = Checkout switch
        {
            "success" => new CheckoutReturn(CheckoutReturnKind.Success, SessionId is { Length: > 0 } id
                ? await dispatcher.Query(new GetCheckoutResultQuery(AccountId, id), cancellationToken)
                : null),
            "cancelled" or "canceled" => new CheckoutReturn(CheckoutReturnKind.Cancelled, null),
            _ => null,
        };
    }
}

internal enum CheckoutReturnKind
{
    Success,
    Cancelled,
}

/// <summary>The customer came back from checkout: paid, cancelled, or paid but not yet confirmed by the webhook.</summary>
internal sealed record CheckoutReturn(CheckoutReturnKind Kind, CheckoutResultDto? Result);
