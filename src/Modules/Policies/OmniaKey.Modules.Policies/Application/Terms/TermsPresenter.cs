using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms;

internal static class TermsPresenter
{
    public static string PathOf(string version) => $"/api/v1/terms/{Uri.EscapeDataString(version)}";

    public static TermsDto ToDto(this TermsVersion terms, PoliciesSettings settings) =>
        new(terms.Version, terms.EffectiveAt, terms.PublishedAt, terms.Material, settings.Render(terms.Text), settings.Link(PathOf(terms.Version)));
}
