using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Passwords;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// The e-mailed link's new-password form, shared by the reset link (<c>/dashboard/reset-password?token=…</c>) and the
/// operator's invitation (<c>/dashboard/set-password?token=…</c>): <c>POST /api/v1/auth/password-reset/confirm</c>'s
/// command, which ends every session; then the log-in page with a notice.
/// </summary>
internal abstract class NewPasswordPageModel(IDispatcher dispatcher, IStringLocalizer<AccountsConsoleText> text) : ConsolePageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    protected IStringLocalizer<AccountsConsoleText> Text => text;

    protected IDispatcher Dispatcher => dispatcher;

    public async Task<IActionResult> OnPostSetAsync()
    {
        if (!await TryAsync(() => dispatcher.Send(new SetPasswordWithTokenCommand(Token ?? string.Empty, NewPassword ?? string.Empty), HttpContext.RequestAborted)))
        {
            NewPassword = null;
            return Page();
        }

        // Every session of the account has ended, this browser's too if it was signed in.
        await ConsoleSignIn.SignOutAsync(HttpContext);
        TempData["Notice"] = text["NewPassword.Done"].Value;
        return Redirect(ConsoleAuth.LogInPath);
    }
}
