using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Application.Verification;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// <c>/dashboard/verify-email?token=…</c>, the verification e-mail's link: the GET only shows a button, and the POST
/// sends <c>POST /api/v1/auth/verify-email</c>'s command — mail scanners fetch links, and a fetch must not use the
/// single-use token. Works signed in or not (the token is the proof).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.AccountEmail)]
internal sealed class VerifyEmailModel(IDispatcher dispatcher, IStringLocalizer<AccountsConsoleText> text) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public bool Verified { get; private set; }

    public bool SignedIn { get; private set; }

    public async Task OnGetAsync() => SignedIn = (await HttpContext.AuthenticateAsync(ConsoleAuth.Scheme)).Succeeded;

    public async Task<IActionResult> OnPostAsync()
    {
        SignedIn = (await HttpContext.AuthenticateAsync(ConsoleAuth.Scheme)).Succeeded;
        if (!await TryAsync(() => dispatcher.Send(new VerifyEmailCommand(Token ?? string.Empty), HttpContext.RequestAborted)))
        {
            return Page();
        }

        // Post-redirect-get, without the used token in the address bar or the history.
        TempData["Notice"] = text["Verify.Done"].Value;
        return Redirect("/dashboard/verify-email?done=1");
    }
}
