using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using OmniaKey.Domain.Money;
using OmniaKey.Infrastructure.Security;
using OmniaKey.Infrastructure.Web;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Keys.Contracts;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;
using OmniaKey.Modules.Routing.Infrastructure.Channels;
using OmniaKey.Modules.Routing.Infrastructure.Providers;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Identity;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// Everything that must pass before a call may cost money, cheapest check first: key (memory), account status
/// (memory), request body, model (memory), translation for the model's provider, a channel to serve it (memory),
/// then the one atomic hold in the database. Each refusal answers in OpenAI's error shape and charges nothing.
/// </summary>
internal sealed class CallAdmission(
    IApiKeyAuthenticator keys,
    IAccountDirectory accounts,
    IModelCatalog catalog,
    IPriceBook prices,
    ProviderAdapters adapters,
    IChannelDirectory channels,
    IBalanceReservations reservations,
    UpstreamIdentities identities,
    TimeProvider clock)
{
    /// <summary>The least output per choice a capped call is admitted with; below it the answer is a 402.</summary>
    public const int MinimumOutputTokens = 1;

    public async Task<CallContext?> AdmitAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        var caller = await AuthenticateAsync(http, keys, accounts);
        if (caller is null)
        {
            return null;
        }

        var (bodyBytes, node) = await ReadBodyAsync(http);
        if (node is null)
        {
            await OpenAiError.InvalidRequest(http, "We could not parse the JSON body of your request. The body must be valid JSON.", null);
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

        var adapter = adapters.Find(model.Provider);
        var candidates = adapter is null ? [] : await channels.CandidatesAsync(model, ct);
        if (adapter is null || candidates.Count == 0)
        {
            await OpenAiError.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "server_error", "upstream_not_configured", $"No upstream channel is configured for {model.Provider} models.");
            return null;
        }

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
        var hold = CallPricing.EstimateHold(quote.Prices, bodyBytes, maxOutput);

        // A client that named its max tokens gets a hold for them or a 402. One that did not gets as many output
        // tokens as its balance pays for, down to one per choice after the prompt (docs/adr/0012).
        var minimum = request.MaxOutputTokens is null
            ? Money.Min(hold, CallPricing.EstimateHold(quote.Prices, bodyBytes, MinimumOutputTokens * request.Choices))
            : hold;
        var held = await reservations.TryReserveUpToAsync(
            new ReservationRequest(http.TraceIdentifier, caller.AccountId, caller.KeyId, model.Id, model.Provider, hold, minimum), ct);
        if (held is not { } placed)
        {
            var advice = request.MaxOutputTokens is null ? "Top up your balance." : "Top up your balance or lower max_tokens.";
            await OpenAiError.WriteAsync(http, StatusCodes.Status402PaymentRequired, "insufficient_quota", "insufficient_balance", $"Your balance cannot cover this request (at least {minimum} USD). {advice}");
            return null;
        }

        if (placed < hold)
        {
            // Capped: translate again with the cap, so the upstream never produces more than the hold pays for.
            // Only the output limit changed, which no adapter refuses, and this path is rare (a nearly empty balance).
            var affordable = CallPricing.AffordableOutputTokens(quote.Prices, bodyBytes, maxOutput, placed);
            request = request.WithOutputCap(Math.Max(MinimumOutputTokens, affordable / request.Choices));
            payload = adapter.Translate(request, model);
        }

        return new CallContext(http.TraceIdentifier, caller, model, quote, request, placed, adapter, payload, candidates, clock.GetUtcNow().ToUnixTimeSeconds());
    }

    /// <summary>The caller's key identity if the key is valid and its account active; otherwise the refusal is written.</summary>
    public static async Task<ApiKeyIdentity?> AuthenticateAsync(HttpContext http, IApiKeyAuthenticator keys, IAccountDirectory accounts)
    {
        var presented = BearerToken.From(http.Request);
        var caller = presented is null ? null : await keys.AuthenticateAsync(presented, http.RequestAborted);
        if (caller is null)
        {
            var message = presented is null
                ? "You didn't provide an API key. Provide it in the Authorization header as 'Bearer <key>'."
                : "Incorrect API key provided, or the key has been revoked.";
            await OpenAiError.WriteAsync(http, StatusCodes.Status401Unauthorized, "invalid_request_error", "invalid_api_key", message);
            return null;
        }

        var status = await accounts.GetStatusAsync(caller.AccountId, http.RequestAborted);
        if (status is not { IsActive: true })
        {
            await OpenAiError.WriteAsync(http, StatusCodes.Status403Forbidden, "permission_error", "account_suspended", "This account is not active.");
            return null;
        }

        return caller;
    }

    /// <summary>Reads the body into one growing buffer and parses it from there, without a second copy.</summary>
    private static async Task<(long Bytes, JsonNode? Node)> ReadBodyAsync(HttpContext http)
    {
        var buffer = new ArrayBufferWriter<byte>((int)Math.Clamp(http.Request.ContentLength ?? 4096, 256, 1 << 20));
        while (true)
        {
            var read = await http.Request.Body.ReadAsync(buffer.GetMemory(8192), http.RequestAborted);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
        }

        try
        {
            return (buffer.WrittenCount, JsonNode.Parse(buffer.WrittenSpan));
        }
        catch (JsonException)
        {
            return (buffer.WrittenCount, null);
        }
    }
}
