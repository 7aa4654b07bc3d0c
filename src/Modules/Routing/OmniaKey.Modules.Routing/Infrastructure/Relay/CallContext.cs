using System.Diagnostics;
using OmniaKey.Domain.Money;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>One admitted call: who pays, for which model, and the hold already placed.</summary>
internal sealed class CallContext(string requestId, ApiKeyIdentity caller, CatalogModel model, PriceQuote quote, ChatRequest request, Money hold)
{
    private readonly long started = Stopwatch.GetTimestamp();

    public string RequestId { get; } = requestId;

    public ApiKeyIdentity Caller { get; } = caller;

    public CatalogModel Model { get; } = model;

    /// <summary>The prices in force when the call started; the call is charged at these whatever changes meanwhile.</summary>
    public PriceQuote Quote { get; } = quote;

    public ChatRequest Request { get; } = request;

    public Money Hold { get; } = hold;

    public Money CostOf(TokenUsage usage) => CallPricing.Cost(Quote.Prices, usage);

    public CallSettlement Settlement(TokenUsage usage, string status, string usageSource) => new(
        RequestId,
        Caller.AccountId,
        Caller.KeyId,
        Model.Id,
        Model.Provider,
        usage,
        CostOf(usage),
        (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        status,
        usageSource);
}
