using System.Diagnostics;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Telemetry;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>One admitted call: who pays, for which model, at which prices, the hold placed, and how to reach the upstream.</summary>
internal sealed class CallContext(
    string requestId,
    ApiKeyIdentity caller,
    CatalogModel model,
    PriceQuote quote,
    ChatRequest request,
    Money hold,
    IProviderAdapter adapter,
    UpstreamPayload payload,
    IReadOnlyList<UpstreamTarget> candidates,
    long createdUnix)
{
    private readonly long started = Stopwatch.GetTimestamp();
    private int requestSent;

    public string RequestId { get; } = requestId;

    public ApiKeyIdentity Caller { get; } = caller;

    public CatalogModel Model { get; } = model;

    /// <summary>The prices in force when the call started; the call is charged at these whatever changes meanwhile.</summary>
    public PriceQuote Quote { get; } = quote;

    public ChatRequest Request { get; } = request;

    public Money Hold { get; } = hold;

    public IProviderAdapter Adapter { get; } = adapter;

    /// <summary>The upstream request, translated once and re-sent unchanged on failover.</summary>
    public UpstreamPayload Payload { get; } = payload;

    /// <summary>The channels that may serve the call, in the order to try them.</summary>
    public IReadOnlyList<UpstreamTarget> Candidates { get; } = candidates;

    /// <summary>
    /// Whether the current attempt's request body has been handed to the upstream in full: from then on the provider
    /// may be billing us, so a client abort no longer cancels the call and a timeout is not failed over.
    /// </summary>
    public bool RequestSent => Volatile.Read(ref requestSent) == 1;

    /// <summary>
    /// The call's place in its key's rate-limit counters: completed with the real usage when the final settlement is
    /// made (<see cref="Settlement"/>), which also frees the concurrency slot before the answer ends.
    /// </summary>
    public IKeyCallLease? KeyLease { get; init; }

    /// <summary>The channel that answered, once one did.</summary>
    public UpstreamTarget? ServedBy { get; set; }

    /// <summary>The answering attempt's span and clock, ended when the answer has been relayed (docs/observability.md).</summary>
    public UpstreamTrace? Upstream { get; set; }

    /// <summary>What the client's answer says: its own model id, and a completion id derived from the request id.</summary>
    public TranslationContext Translation { get; } = new(
        "chatcmpl-" + requestId.Replace(":", string.Empty, StringComparison.Ordinal),
        createdUnix,
        model.Id,
        request);

    public void BeginAttempt() => Volatile.Write(ref requestSent, 0);

    public void MarkRequestSent() => Volatile.Write(ref requestSent, 1);

    public Money CostOf(TokenUsage usage) => CallPricing.Cost(Quote.Prices, usage);

    /// <summary>
    /// What the call is settled with. Anything but progress is the final settlement, made exactly once whatever
    /// happened: the key's rate-limit lease is completed with this usage here, so the slot is free before the client
    /// has read the end of the answer.
    /// </summary>
    public CallSettlement Settlement(TokenUsage usage, string status, string usageSource)
    {
        if (status != CallStatus.InProgress)
        {
            KeyLease?.Complete(usage.InputTokens + usage.OutputTokens);
        }

        return Snapshot(usage, status, usageSource);
    }

    private CallSettlement Snapshot(TokenUsage usage, string status, string usageSource) => new(
        RequestId,
        Caller.AccountId,
        Caller.KeyId,
        Model.Id,
        Model.Provider,
        usage,
        CostOf(usage),
        (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        status,
        usageSource,
        new PriceSnapshot(
            Quote.Prices.Input.NanoUsdPerMillionTokens,
            Quote.Prices.Output.NanoUsdPerMillionTokens,
            Quote.Prices.CacheRead.NanoUsdPerMillionTokens,
            Quote.Prices.CacheWrite.NanoUsdPerMillionTokens,
            Quote.PromotionId,
            Quote.PromotionName));
}
