using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Application.RefundPolicy;

/// <summary>The Refund Policy the Terms refer to (§5, §9), as served at <c>GET /api/v1/policies/refunds</c>.</summary>
internal sealed record GetRefundPolicyQuery : IQuery<PolicyDocumentDto>;

internal sealed record PolicyDocumentDto(string Version, DateTimeOffset EffectiveAt, string Text);

/// <summary>A versioned policy document shipped with the service (an embedded resource beside the Terms).</summary>
internal interface IPolicyDocuments
{
    /// <summary>The Refund Policy as written, with the seed's contact placeholder still in it.</summary>
    PolicyDocumentDto RefundPolicy { get; }
}

internal sealed class GetRefundPolicyQueryHandler(IPolicyDocuments documents, PoliciesSettings settings) : IQueryHandler<GetRefundPolicyQuery, PolicyDocumentDto>
{
    public Task<PolicyDocumentDto> Handle(GetRefundPolicyQuery query, CancellationToken cancellationToken)
    {
        var policy = documents.RefundPolicy;
        return Task.FromResult(policy with { Text = settings.Render(policy.Text) });
    }
}
