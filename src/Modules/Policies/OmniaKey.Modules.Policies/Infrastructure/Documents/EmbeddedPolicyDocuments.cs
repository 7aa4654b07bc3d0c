using System.Reflection;
using OmniaKey.Modules.Policies.Application.RefundPolicy;

namespace OmniaKey.Modules.Policies.Infrastructure.Documents;

/// <summary>
/// The Refund Policy, embedded in the module beside the Terms. It describes the rules Billing enforces
/// (docs/adr/0011-refunds.md, docs/adr/0017-refund-and-dispute-loose-ends.md); a change of those rules is a new
/// version here: bump <see cref="RefundPolicyVersion"/> and the "Version:" line together.
/// </summary>
internal sealed class EmbeddedPolicyDocuments : IPolicyDocuments
{
    public const string RefundPolicyVersion = "2026-12-07";

    public static readonly DateTimeOffset RefundPolicyEffectiveAt = new(2026, 12, 7, 0, 0, 0, TimeSpan.Zero);

    private readonly Lazy<PolicyDocumentDto> refundPolicy = new(() =>
        new PolicyDocumentDto(RefundPolicyVersion, RefundPolicyEffectiveAt, Read("OmniaKey.Modules.Policies.refund-policy.txt")));

    public PolicyDocumentDto RefundPolicy => refundPolicy.Value;

    private static string Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded document {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
