using Microsoft.AspNetCore.Mvc;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Sessions;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// <c>POST /dashboard/logout</c> (the layout's button): ends this session exactly as <c>POST /api/v1/auth/logout</c>
/// ends a token — on every instance, not just by dropping the cookie — and drops the cookie.
/// </summary>
internal sealed class LogOutModel(IDispatcher dispatcher) : ConsolePageModel
{
    public IActionResult OnGet() => Redirect("/dashboard");

    public async Task<IActionResult> OnPostAsync()
    {
        if (await ConsoleSignIn.CurrentSessionAsync(HttpContext) is { } session)
        {
            await dispatcher.Send(new LogOutCommand(AccountId, session.TokenId, session.ExpiresAt), HttpContext.RequestAborted);
        }

        await ConsoleSignIn.SignOutAsync(HttpContext);
        return Redirect(ConsoleAuth.LogInPath);
    }
}
