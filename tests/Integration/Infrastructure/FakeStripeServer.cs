using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// An in-process double of the parts of the Stripe API that OmniaKey calls, on a real Kestrel socket (127.0.0.1,
/// random port), so Stripe.net talks to it through <c>Stripe:ApiBase</c> exactly as it talks to api.stripe.com:
/// form-encoded <c>POST /v1/checkout/sessions</c> (honouring <c>Idempotency-Key</c>),
/// <c>GET /v1/payment_intents/{id}</c> (with <c>expand[]=latest_charge</c>), <c>POST /v1/refunds</c> and
/// <c>GET /v1/refunds?charge=</c>, and <c>GET /v1/disputes?charge=</c>. Tests then act as Stripe's side:
/// <see cref="Pay"/>, <see cref="Refund"/> and <see cref="Dispute"/> change the double's state and return the webhook
/// event Stripe would send, as JSON, as do <see cref="FailRefund"/> (<c>refund.failed</c>) and <see cref="CloseDispute"/>
/// (<c>charge.dispute.closed</c>); <see cref="FailNextRefunds"/> scripts refund creations that fail.
/// </summary>
public sealed class FakeStripeServer : IAsyncDisposable
{
    public const string SecretKey = "sk_test_fake_omniakey";
    public const string WebhookSecret = "whsec_test_fake_omniakey";

    private readonly Lock _gate = new();
    private readonly WebApplication _app;
    private readonly List<StripeRequest> _requests = [];
    private readonly Dictionary<string, FakeCheckoutSession> _sessions = [];
    private readonly Dictionary<string, string> _sessionsByIdempotencyKey = [];
    private readonly Dictionary<string, FakePayment> _payments = [];
    private readonly List<FakeRefund> _refunds = [];
    private readonly List<FakeDispute> _disputes = [];
    private readonly Dictionary<string, StoredRefundAnswer> _refundAnswersByIdempotencyKey = [];
    private int _refundFailuresLeft;
    private int _refundFailureStatus;
    private string? _refundFailureCharge;
    private int _sequence;
    private string? _apiBase;

    public FakeStripeServer()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/v1/checkout/sessions", CreateSessionAsync);
        _app.MapGet("/v1/payment_intents/{id}", GetPaymentIntentAsync);
        _app.MapGet("/v1/refunds", ListRefundsAsync);
        _app.MapPost("/v1/refunds", CreateRefundAsync);
        _app.MapGet("/v1/disputes", ListDisputesAsync);
    }

    /// <summary><c>http://127.0.0.1:&lt;port&gt;</c>: Stripe.net's ApiBase convention (no <c>/v1</c>).</summary>
    public string ApiBase => _apiBase ?? throw new InvalidOperationException("Call StartAsync before using the fake Stripe API.");

    /// <summary>Every API request received so far, oldest first.</summary>
    public IReadOnlyList<StripeRequest> Requests
    {
        get { lock (_gate) { return [.. _requests]; } }
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _app.StartAsync(cancellationToken);
        _apiBase = new Uri(_app.Urls.Single()).GetLeftPart(UriPartial.Authority);
    }

    /// <summary>Forgets every session, payment, refund, dispute and recorded request.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _sessions.Clear();
            _sessionsByIdempotencyKey.Clear();
            _payments.Clear();
            _refunds.Clear();
            _disputes.Clear();
            _refundAnswersByIdempotencyKey.Clear();
            _refundFailuresLeft = 0;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> refund creations (<c>POST /v1/refunds</c>) fail with
    /// <paramref name="statusCode"/> and refund nothing. They carry <c>Stripe-Should-Retry: false</c>, as Stripe's own
    /// 500s usually do, so Stripe.net gives up at once instead of retrying within the call. Like Stripe, the double
    /// stores each answer under the request's <c>Idempotency-Key</c> and replays it — failures included — to that key.
    /// With <paramref name="chargeId"/>, only refunds of that charge fail (and count).
    /// </summary>
    public void FailNextRefunds(int count, int statusCode = 500, string? chargeId = null)
    {
        lock (_gate)
        {
            _refundFailuresLeft = count;
            _refundFailureStatus = statusCode;
            _refundFailureCharge = chargeId;
        }
    }

    /// <summary>Every refund of the payment's charge, oldest first, whoever made it.</summary>
    public IReadOnlyList<FakeStripeRefund> RefundsOf(string paymentIntentId)
    {
        lock (_gate)
        {
            var chargeId = _payments[paymentIntentId].ChargeId;
            return [.. _refunds.Where(r => r.ChargeId == chargeId).Select(r => new FakeStripeRefund(r.Id, r.ChargeId, r.AmountCents, r.Metadata.GetValueOrDefault("omniakey_refund_id")))];
        }
    }

    /// <summary>
    /// The customer pays the session with a card issued in <paramref name="cardCountry"/>: creates the PaymentIntent
    /// and its charge, and returns the <c>checkout.session.completed</c> event (payment_status <c>paid</c>).
    /// </summary>
    public StripeEventJson Pay(string sessionId, string cardCountry = "US")
    {
        SettleDelayedPayment(sessionId, cardCountry);
        return SessionEvent(sessionId, "checkout.session.completed");
    }

    /// <summary>A session of the given amount and id that OmniaKey never created, paid: for "unknown session" tests.</summary>
    public StripeEventJson PayForeignSession(long amountCents)
    {
        var session = new FakeCheckoutSession(NextId("cs_test"), amountCents, "usd", null, new Dictionary<string, string>(), null, Paid: false);
        lock (_gate)
        {
            _sessions[session.Id] = session;
        }

        return Pay(session.Id);
    }

    /// <summary>Another event (new id) about an already paid session, e.g. <c>checkout.session.async_payment_succeeded</c>.</summary>
    public StripeEventJson SessionEvent(string sessionId, string type)
    {
        lock (_gate)
        {
            return Event(type, StripeJson.Session(_sessions[sessionId]));
        }
    }

    /// <summary>The customer pays a session that completed unpaid (delayed payment method); returns nothing to deliver.</summary>
    public void SettleDelayedPayment(string sessionId, string cardCountry = "US")
    {
        lock (_gate)
        {
            var session = _sessions[sessionId];
            var payment = new FakePayment(NextId("pi"), NextId("ch"), session.AmountTotal, cardCountry);
            _payments[payment.PaymentIntentId] = payment;
            _sessions[sessionId] = session with { PaymentIntentId = payment.PaymentIntentId, Paid = true };
        }
    }

    /// <summary>A completed session whose payment has not gone through (e.g. a bank debit still processing).</summary>
    public StripeEventJson CompleteUnpaid(string sessionId)
    {
        lock (_gate)
        {
            return Event("checkout.session.completed", StripeJson.Session(_sessions[sessionId]));
        }
    }

    /// <summary>
    /// Someone refunds <paramref name="amountCents"/> of the payment at Stripe (dashboard, or OmniaKey's own flow when
    /// <paramref name="byOmniaKey"/>); returns the <c>charge.refunded</c> event.
    /// </summary>
    public StripeEventJson Refund(string paymentIntentId, long amountCents, bool byOmniaKey = false)
    {
        lock (_gate)
        {
            var payment = _payments[paymentIntentId];
            var metadata = byOmniaKey ? new Dictionary<string, string> { ["omniakey_refund_id"] = Guid.NewGuid().ToString() } : [];
            _refunds.Add(new FakeRefund(NextId("re"), payment.ChargeId, amountCents, metadata));
            return Event("charge.refunded", StripeJson.Charge(payment, RefundedCents(payment)));
        }
    }

    /// <summary>
    /// The <c>charge.refunded</c> event Stripe sends after refunds of the payment's charge made through the API (e.g.
    /// OmniaKey's own refund flow), reflecting every refund so far; it changes nothing in the double.
    /// </summary>
    public StripeEventJson ChargeRefundedEvent(string paymentIntentId)
    {
        lock (_gate)
        {
            var payment = _payments[paymentIntentId];
            return Event("charge.refunded", StripeJson.Charge(payment, RefundedCents(payment)));
        }
    }

    /// <summary>The payer disputes <paramref name="amountCents"/> of the payment; returns <c>charge.dispute.created</c>.</summary>
    public StripeEventJson Dispute(string paymentIntentId, long amountCents, string reason = "fraudulent")
    {
        lock (_gate)
        {
            var payment = _payments[paymentIntentId];
            var dispute = new FakeDispute(NextId("dp"), payment.ChargeId, payment.PaymentIntentId, amountCents, reason);
            _disputes.Add(dispute);
            return Event("charge.dispute.created", StripeJson.Dispute(dispute));
        }
    }

    /// <summary>
    /// A refund Stripe had accepted fails afterwards (e.g. the card was closed): the money stays with the merchant, so
    /// the charge can be refunded again. Returns the <c>refund.failed</c> event.
    /// </summary>
    public StripeEventJson FailRefund(string refundId, string failureReason = "expired_or_canceled_card")
    {
        lock (_gate)
        {
            var index = _refunds.FindIndex(r => r.Id == refundId);
            var failed = _refunds[index] with { FailureReason = failureReason };
            _refunds[index] = failed;
            return Event("refund.failed", StripeJson.Refund(failed));
        }
    }

    /// <summary>The bank decides the dispute (<c>won</c> or <c>lost</c>); returns <c>charge.dispute.closed</c>.</summary>
    public StripeEventJson CloseDispute(string disputeId, string status)
    {
        lock (_gate)
        {
            var index = _disputes.FindIndex(d => d.Id == disputeId);
            var closed = _disputes[index] with { Status = status };
            _disputes[index] = closed;
            return Event("charge.dispute.closed", StripeJson.Dispute(closed));
        }
    }

    /// <summary>Another event (new id) about an existing dispute, e.g. a second <c>charge.dispute.created</c>.</summary>
    public StripeEventJson DisputeEvent(string disputeId, string type)
    {
        lock (_gate)
        {
            return Event(type, StripeJson.Dispute(_disputes.Single(d => d.Id == disputeId)));
        }
    }

    /// <summary>The disputes of the payment's charge, oldest first.</summary>
    public IReadOnlyList<string> DisputesOf(string paymentIntentId)
    {
        lock (_gate)
        {
            return [.. _disputes.Where(d => d.PaymentIntentId == paymentIntentId).Select(d => d.Id)];
        }
    }

    /// <summary>An event of a type OmniaKey does not act on.</summary>
    public StripeEventJson Other(string type, JsonObject dataObject)
    {
        lock (_gate)
        {
            return Event(type, dataObject);
        }
    }

    /// <summary>The PaymentIntent created when <paramref name="sessionId"/> was paid.</summary>
    public string PaymentIntentOf(string sessionId)
    {
        lock (_gate)
        {
            return _sessions[sessionId].PaymentIntentId ?? throw new InvalidOperationException($"Session {sessionId} is not paid.");
        }
    }

    public string ChargeOf(string sessionId)
    {
        lock (_gate)
        {
            return _payments[PaymentIntentOf(sessionId)].ChargeId;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_apiBase is not null)
        {
            await _app.StopAsync();
        }

        await _app.DisposeAsync();
    }

    private async Task CreateSessionAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = Record(context, form.ToDictionary(f => f.Key, f => f.Value.ToString()));
        if (!await AuthorizeAsync(context, request))
        {
            return;
        }

        if (request.Form.GetValueOrDefault("mode") != "payment"
            || !long.TryParse(request.Form.GetValueOrDefault("line_items[0][price_data][unit_amount]"), out var amount)
            || request.Form.GetValueOrDefault("line_items[0][price_data][currency]") is not { Length: 3 } currency)
        {
            await WriteErrorAsync(context, 400, "parameter_missing", "Missing mode, line_items[0][price_data][unit_amount] or currency.");
            return;
        }

        var quantity = long.TryParse(request.Form.GetValueOrDefault("line_items[0][quantity]"), out var q) ? q : 1;
        FakeCheckoutSession session;
        lock (_gate)
        {
            var key = request.Headers.GetValueOrDefault("Idempotency-Key");
            if (key is not null && _sessionsByIdempotencyKey.TryGetValue(key, out var earlier))
            {
                session = _sessions[earlier];
            }
            else
            {
                var metadata = request.Form
                    .Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
                    .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value);
                session = new FakeCheckoutSession(
                    NextId("cs_test"), amount * quantity, currency, request.Form.GetValueOrDefault("client_reference_id"), metadata, null, Paid: false);
                _sessions[session.Id] = session;
                if (key is not null)
                {
                    _sessionsByIdempotencyKey[key] = session.Id;
                }
            }
        }

        await WriteJsonAsync(context, 200, StripeJson.Session(session));
    }

    private async Task GetPaymentIntentAsync(HttpContext context, string id)
    {
        var request = Record(context, []);
        if (!await AuthorizeAsync(context, request))
        {
            return;
        }

        JsonObject? body;
        lock (_gate)
        {
            body = _payments.TryGetValue(id, out var payment)
                ? StripeJson.PaymentIntent(payment, RefundedCents(payment), expandCharge: context.Request.Query.Any(q => q.Key.StartsWith("expand", StringComparison.Ordinal) && q.Value == "latest_charge"))
                : null;
        }

        await (body is null
            ? WriteErrorAsync(context, 404, "resource_missing", $"No such payment_intent: '{id}'")
            : WriteJsonAsync(context, 200, body));
    }

    private async Task ListRefundsAsync(HttpContext context)
    {
        var request = Record(context, []);
        if (await AuthorizeAsync(context, request))
        {
            var charge = context.Request.Query["charge"].ToString();
            JsonObject[] data;
            lock (_gate)
            {
                data = [.. _refunds.Where(r => r.ChargeId == charge).Reverse().Select(StripeJson.Refund)];
            }

            await WriteJsonAsync(context, 200, StripeJson.List("/v1/refunds", data));
        }
    }

    private async Task CreateRefundAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var request = Record(context, form.ToDictionary(f => f.Key, f => f.Value.ToString()));
        if (!await AuthorizeAsync(context, request))
        {
            return;
        }

        StoredRefundAnswer answer;
        lock (_gate)
        {
            var key = request.Headers.GetValueOrDefault("Idempotency-Key");
            var fingerprint = string.Join('&', request.Form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
            if (key is not null && _refundAnswersByIdempotencyKey.TryGetValue(key, out var stored))
            {
                answer = stored.Fingerprint == fingerprint
                    ? stored
                    : new StoredRefundAnswer(fingerprint, 400, ErrorJson("idempotency_error", $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}'."), ShouldRetry: false);
            }
            else
            {
                answer = AnswerRefund(request, fingerprint);
                if (key is not null)
                {
                    _refundAnswersByIdempotencyKey[key] = answer;
                }
            }
        }

        if (answer.ShouldRetry is { } shouldRetry)
        {
            context.Response.Headers["Stripe-Should-Retry"] = shouldRetry ? "true" : "false";
        }

        await WriteJsonAsync(context, answer.Status, answer.Body);
    }

    /// <summary>Creates the refund, or refuses it as Stripe would; called under the lock.</summary>
    private StoredRefundAnswer AnswerRefund(StripeRequest request, string fingerprint)
    {
        var chargeId = request.Form.GetValueOrDefault("charge");
        if (_refundFailuresLeft > 0 && (_refundFailureCharge is null || _refundFailureCharge == chargeId))
        {
            _refundFailuresLeft--;
            return new StoredRefundAnswer(fingerprint, _refundFailureStatus, ErrorJson(null, "An unknown error occurred", "api_error"), ShouldRetry: false);
        }

        var payment = _payments.Values.FirstOrDefault(p => p.ChargeId == chargeId);
        if (payment is null)
        {
            return new StoredRefundAnswer(fingerprint, 400, ErrorJson("resource_missing", $"No such charge: '{chargeId}'"), ShouldRetry: null);
        }

        var unrefunded = payment.AmountCents - RefundedCents(payment);
        var amount = long.TryParse(request.Form.GetValueOrDefault("amount"), out var cents) ? cents : unrefunded;
        if (unrefunded == 0)
        {
            return new StoredRefundAnswer(fingerprint, 400, ErrorJson("charge_already_refunded", $"Charge {chargeId} has already been refunded."), ShouldRetry: null);
        }

        if (amount <= 0 || amount > unrefunded)
        {
            return new StoredRefundAnswer(fingerprint, 400, ErrorJson("amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({unrefunded})"), ShouldRetry: null);
        }

        var metadata = request.Form
            .Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))
            .ToDictionary(f => f.Key["metadata[".Length..^1], f => f.Value);
        var refund = new FakeRefund(NextId("re"), payment.ChargeId, amount, metadata);
        _refunds.Add(refund);
        return new StoredRefundAnswer(fingerprint, 200, StripeJson.Refund(refund), ShouldRetry: null);
    }

    private async Task ListDisputesAsync(HttpContext context)
    {
        var request = Record(context, []);
        if (await AuthorizeAsync(context, request))
        {
            var charge = context.Request.Query["charge"].ToString();
            JsonObject[] data;
            lock (_gate)
            {
                data = [.. _disputes.Where(d => d.ChargeId == charge).Reverse().Select(StripeJson.Dispute)];
            }

            await WriteJsonAsync(context, 200, StripeJson.List("/v1/disputes", data));
        }
    }

    private long RefundedCents(FakePayment payment) => _refunds.Where(r => r.ChargeId == payment.ChargeId && !r.Failed).Sum(r => r.AmountCents);

    private StripeEventJson Event(string type, JsonObject dataObject)
    {
        var id = NextId("evt");
        var json = new JsonObject
        {
            ["id"] = id,
            ["object"] = "event",
            ["api_version"] = "2026-10-28.endive",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["data"] = new JsonObject { ["object"] = dataObject },
            ["livemode"] = false,
            ["pending_webhooks"] = 1,
            ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
            ["type"] = type,
        };
        return new StripeEventJson(id, type, json.ToJsonString());
    }

    private string NextId(string prefix) => $"{prefix}_{Interlocked.Increment(ref _sequence):D6}{Guid.NewGuid():N}"[..(prefix.Length + 25)];

    private StripeRequest Record(HttpContext context, Dictionary<string, string> form)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new StripeRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", form, headers);
        lock (_gate)
        {
            _requests.Add(request);
        }

        return request;
    }

    private static async Task<bool> AuthorizeAsync(HttpContext context, StripeRequest request)
    {
        if (request.Headers.GetValueOrDefault("Authorization") == "Bearer " + SecretKey)
        {
            return true;
        }

        await WriteErrorAsync(context, 401, null, "Invalid API Key provided.");
        return false;
    }

    private static Task WriteErrorAsync(HttpContext context, int status, string? code, string message) =>
        WriteJsonAsync(context, status, ErrorJson(code, message));

    private static JsonObject ErrorJson(string? code, string message, string type = "invalid_request_error") => new()
    {
        ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["message"] = message },
    };

    private static async Task WriteJsonAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}

/// <summary>A request the fake Stripe API received: the form fields of a POST, the query of a GET.</summary>
public sealed record StripeRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Form,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>A webhook event as Stripe would post it: its id, type and exact JSON body.</summary>
public sealed record StripeEventJson(string Id, string Type, string Payload);

/// <summary>A refund in the double; <see cref="OmniaKeyRefundId"/> is its <c>metadata.omniakey_refund_id</c>, if any.</summary>
public sealed record FakeStripeRefund(string Id, string ChargeId, long AmountCents, string? OmniaKeyRefundId);

/// <summary>What the double answered to a refund creation, kept under its idempotency key to replay.</summary>
internal sealed record StoredRefundAnswer(string Fingerprint, int Status, JsonObject Body, bool? ShouldRetry);
