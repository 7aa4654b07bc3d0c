using Microsoft.AspNetCore.Authorization;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Application.RefundPolicy;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Policies.Pages;

/// <summary><c>/terms/refunds</c>, public: the Refund Policy exactly as <c>GET /api/v1/policies/refunds</c> serves it.</summary>
[AllowAnonymous]
internal sealed class RefundsModel(IDispatcher dispatcher) : ConsolePageModel
{
    public PolicyDocumentDto Policy { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Policy = await dispatcher.Query(new GetRefundPolicyQuery(), cancellationToken);
}
