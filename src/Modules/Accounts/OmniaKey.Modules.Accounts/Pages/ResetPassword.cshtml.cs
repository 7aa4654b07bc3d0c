using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Application.Passwords;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// <c>/dashboard/reset-password</c>: without a token, asks for the address (<c>POST /api/v1/auth/password-reset</c>'s
/// command, one answer whether or not an account uses it); with the e-mail's <c>?token=…</c>, the new-password form.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.AccountEmail)]
internal sealed class ResetPasswordModel(IDispatcher dispatcher, IStringLocalizer<AccountsConsoleText> text)
    : NewPasswordPageModel(dispatcher, text)
{
    [BindProperty]
    public string? Email { get; set; }

    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostRequestAsync()
    {
        if (!await TryAsync(() => Dispatcher.Send(new RequestPasswordResetCommand(Email ?? string.Empty), HttpContext.RequestAborted)))
        {
            return Page();
        }

        TempData["Notice"] = Text["Reset.Sent"].Value;
        return Redirect("/dashboard/reset-password");
    }
}
