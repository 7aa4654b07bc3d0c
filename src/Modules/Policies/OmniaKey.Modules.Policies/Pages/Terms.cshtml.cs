using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Application.Terms.GetTerms;
using OmniaKey.Modules.Policies.Application.Terms.ListTerms;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Policies.Pages;

/// <summary>
/// <c>/terms</c> and <c>/terms/{version}</c>, public: the Terms in force (or one published version) as
/// <c>GET /api/v1/terms/current</c> and <c>GET /api/v1/terms/{version}</c> serve them, with every published version
/// listed when there are several.
/// </summary>
[AllowAnonymous]
internal sealed class TermsModel(IDispatcher dispatcher, TimeProvider clock) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Version { get; set; }

    public TermsDto? Shown { get; private set; }

    public IReadOnlyList<TermsDto> Versions { get; private set; } = [];

    /// <summary>The version in force now (null before the first takes effect).</summary>
    public string? InForce { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Versions = (await dispatcher.Query(new ListTermsQuery(), cancellationToken)).Data;
        var now = Now = clock.GetUtcNow();
        InForce = Versions.Where(v => v.EffectiveAt <= now).MaxBy(v => v.EffectiveAt)?.Version;
        try
        {
            Shown = string.IsNullOrEmpty(Version)
                ? await dispatcher.Query(new GetCurrentTermsQuery(), cancellationToken)
                : await dispatcher.Query(new GetTermsQuery(Version), cancellationToken);
        }
        catch (NotFoundException error)
        {
            ShowError(error);
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
