using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Channels;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Everything that must pass before a call may cost money, cheapest check first: declared body size, key (memory),
/// account status (memory), the key's IP allow-list, request body (bounded read, caps), model (memory) and the key's
/// model allow-list, translation for the model's provider, a channel to serve it (memory), the key's rate limits
/// (memory), then the one atomic hold in the database. Each refusal answers in
/// OpenAI's error shape and charges nothing.
/// </summary>
internal sealed class CallAdmission(
    CallerGate callers,
    IModelCatalog catalog,
    IPriceBook prices,
    ProviderAdapters adapters,
    IChannelDirectory channels,
    IBalanceReservations reservations,
    RequestLimits limits,
    UpstreamIdentities identities,
    IKeyRateLimiter keyRates,
    TimeProvider clock)
{
    /// <summary>The least output per choice a capped call is admitted with; below it the answer is a 402.</summary>
    public const int MinimumOutputTokens = 1;

    public async Task<CallContext?> AdmitAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        if (http.Request.ContentLength > limits.MaxRequestBytes)
        {
            // Refused on the declared length alone: not a byte of the body is read.
            await TooLargeAsync(http);
            return null;
        }

        var caller = await callers.AuthenticateAsync(http);
        if (caller is null)
        {
            return null;
        }

        var (bodyBytes, node) = await RequestBodyReader.ReadAsync(http, limits.MaxRequestBytes);
        if (bodyBytes > limits.MaxRequestBytes)
        {
            await TooLargeAsync(http);
            return null;
        }

        if (node is null)
        {
            await OpenAiError.InvalidRequest(http, "We could not parse the JSON body of your request. The body must be valid JSON.", null);
            return null;
        }

        // The caps come before ChatRequest, which walks every message.
        var (parts, capParam, capError) = node is JsonObject body ? InputInventory.Take(body, bodyBytes, limits) : (new InputParts(bodyBytes, 0, 0, 0), null, null);
        if (parts is not { } inputParts)
        {
            await OpenAiError.InvalidRequest(http, capError ?? "The request is too large.", capParam);
            return null;
        }

        var (request, param, error) = ChatRequest.Read(node);
        if (request is null)
        {
            await OpenAiError.InvalidRequest(http, error ?? "The request is invalid.", param);
            return null;
        }

        request = request with { Identity = identities.For(caller.AccountId) };
        var model = await catalog.FindEnabledAsync(request.Model, ct);
        if (model is null)
        {
            await OpenAiError.ModelNotFound(http, request.Model);
            return null;
        }

        if (caller.Limits.AllowedModels is not null && !caller.Limits.AllowsModel(model.Id, model.AliasNames))
        {
            await KeyLimitGate.RefuseModelAsync(http, request.Model);
            return null;
        }

        var adapter = adapters.Find(model.Provider);
        var candidates = adapter is null ? [] : await channels.CandidatesAsync(model, ct);
        if (adapter is null || candidates.Count == 0)
        {
            await OpenAiError.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "server_error", "upstream_not_configured", $"No upstream channel is configured for {model.Provider} models.");
            return null;
        }

        request = ClampOutput(request, model) with { MediaInputTokens = inputParts.MediaTokens(model.MediaLimits) };
        UpstreamPayload payload;
        try
        {
            payload = adapter.Translate(request, model);
        }
        catch (RequestTranslationException e)
        {
            await OpenAiError.InvalidRequest(http, e.Message, e.Param);
            return null;
        }

        var quote = await prices.QuoteAsync(model, ct);
        var maxOutput = Math.Min(request.MaxOutputTokens ?? model.MaxOutputTokens, model.MaxOutputTokens) * request.Choices;
        var inputTokens = inputParts.EstimateTokens(model.MediaLimits, model.ContextWindow);
        var hold = CallPricing.EstimateHold(quote.Prices, inputTokens, maxOutput);

        // A client that named its max tokens gets a hold for them or a 402. One that did not gets as many output
        // tokens as its balance pays for, down to one per choice after the prompt (docs/adr/0012).
        var minimum = request.MaxOutputTokens is null
            ? Money.Min(hold, CallPricing.EstimateHold(quote.Prices, inputTokens, MinimumOutputTokens * request.Choices))
            : hold;
        // The key's rate limits: first in this instance's memory (a cheap filter and the x-ratelimit-* headers), then
        // counted in the database with the hold, which decides across instances. TPM counts the input estimate and the
        // output limit the client named (output it did not limit counts when the call ends).
        // docs/adr/0028-per-key-limits.md, docs/adr/0041-exact-key-limits-through-the-group-commit.md
        var rateTokens = inputTokens + (request.MaxOutputTokens is null ? 0 : maxOutput);
        var rate = keyRates.TryAdmit(caller, rateTokens);
        if (rate.Lease is not { } lease)
        {
            await KeyLimitGate.RefuseRateAsync(http, rate.Refusal!, rate.State);
            return null;
        }

        KeyLimitGate.WriteHeaders(http.Response, rate.State);
        Money? held;
        try
        {
            held = await reservations.TryReserveUpToAsync(
                new ReservationRequest(
                    http.TraceIdentifier, caller.AccountId, caller.KeyId, model.Id, model.Provider, hold, minimum, KeyBudgetOf(caller.Limits), KeyRateOf(caller.Limits, rateTokens)),
                ct);
        }
        catch (KeyRateLimitedException e)
        {
            // Another instance's calls used the key's room: nothing was held (docs/adr/0041).
            lease.Abandon();
            await KeyLimitGate.RefuseRateAsync(http, new KeyRateRefusal(e.Type, e.Message, e.RetryAfterSeconds), rate.State);
            return null;
        }
        catch (KeySpendLimitReachedException e)
        {
            // The key's budget for this period cannot cover the call: nothing was held (docs/adr/0033-key-budgets.md).
            lease.Abandon();
            await OpenAiError.WriteAsync(http, StatusCodes.Status402PaymentRequired, "insufficient_quota", "key_spend_limit_reached", $"This key's spend limit of {e.Limit} USD for the current period has {e.Remaining} USD left, less than this request needs (at least {minimum} USD).");
            return null;
        }
        catch
        {
            lease.Abandon();
            throw;
        }

        if (held is not { } placed)
        {
            lease.Abandon();
            var advice = request.MaxOutputTokens is null ? "Top up your balance." : "Top up your balance or lower max_tokens.";
            await OpenAiError.WriteAsync(http, StatusCodes.Status402PaymentRequired, "insufficient_quota", "insufficient_balance", $"Your balance cannot cover this request (at least {minimum} USD). {advice}");
            return null;
        }

        if (placed < hold)
        {
            // Capped: translate again with the cap, so the upstream never produces more than the hold pays for.
            // Only the output limit changed, which no adapter refuses, and this path is rare (a nearly empty balance).
            var affordable = CallPricing.AffordableOutputTokens(quote.Prices, inputTokens, maxOutput, placed);
            request = request.WithOutputCap(Math.Max(MinimumOutputTokens, affordable / request.Choices));
            payload = adapter.Translate(request, model);
        }

        return new CallContext(http.TraceIdentifier, caller, model, quote, request, placed, adapter, payload, candidates, clock.GetUtcNow().ToUnixTimeSeconds())
        {
            KeyLease = lease,
        };
    }

    /// <summary>
    /// A client's <c>max_tokens</c>/<c>max_completion_tokens</c> above the model's <c>max_output_tokens</c> is lowered
    /// to it, in the request every adapter translates: the hold pays for at most that much output, and the upstream
    /// is told the same limit, so the hold and the call agree.
    /// </summary>
    public static ChatRequest ClampOutput(ChatRequest request, CatalogModel model) =>
        model.MaxOutputTokens > 0 && request.MaxOutputTokens > model.MaxOutputTokens
            ? request.WithOutputCap(model.MaxOutputTokens)
            : request;

    /// <summary>The key's budget as Billing takes it with the hold; null (no allocation) for a key without one.</summary>
    private static KeyBudget? KeyBudgetOf(KeyLimits limits) => limits.SpendLimit is { } spend
        ? new KeyBudget(Money.FromNanoUsd(spend.NanoUsd), spend.Period switch
        {
            "day" => KeyBudgetPeriod.Day,
            "month" => KeyBudgetPeriod.Month,
            _ => KeyBudgetPeriod.Total,
        })
        : null;

    /// <summary>The key's rate limits as Billing counts them with the hold; null (no allocation) for a key without any.</summary>
    private static KeyRateLimit? KeyRateOf(KeyLimits limits, long tokens) => limits.HasRateLimits
        ? new KeyRateLimit(limits.RequestsPerMinute, limits.TokensPerMinute, limits.MaxConcurrentRequests, Math.Max(0, tokens))
        : null;

    private Task TooLargeAsync(HttpContext http) =>
        OpenAiError.WriteAsync(
            http,
            StatusCodes.Status413PayloadTooLarge,
            "invalid_request_error",
            "request_too_large",
            $"The request body is larger than the limit of {limits.MaxRequestBytes} bytes.");
}
