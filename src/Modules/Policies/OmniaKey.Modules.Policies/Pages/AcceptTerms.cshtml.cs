using Microsoft.AspNetCore.Mvc;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Application.Acceptances.AcceptTerms;
using OmniaKey.WebConsole;
using Microsoft.Extensions.Localization;

namespace OmniaKey.Modules.Policies.Pages;

/// <summary>
/// <c>POST /dashboard/terms/accept</c> (the account page's "accept" button): the same command as
/// <c>POST /api/v1/terms/accept</c>, then back to the account page with the result. The Accounts module's page posts
/// here because accepting is Policies' use case, not a contract other modules send.
/// </summary>
internal sealed class AcceptTermsModel(IDispatcher dispatcher, IStringLocalizer<PoliciesConsoleText> text) : ConsolePageModel
{
    public const string AccountPage = "/dashboard/account";

    /// <summary>Where a refusal waits for the account page (TempData), which renders it as an error.</summary>
    public const string TermsErrorKey = "TermsError";

    [BindProperty]
    public string? Version { get; set; }

    public IActionResult OnGet() => Redirect(AccountPage);

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var accepted = await dispatcher.Send(new AcceptTermsCommand(AccountId, Version, ClientIp), HttpContext.RequestAborted);
            TempData["Notice"] = text["Accept.Done", accepted.Version].Value;
        }
        catch (AppException error)
        {
            // The account page shows it as an error, in the same words any page would use.
            ShowError(error);
            TempData[TermsErrorKey] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
        }

        return Redirect(AccountPage);
    }
}
