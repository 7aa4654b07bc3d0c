using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Accounts.Application.Accounts.LogInFailures;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// <c>/dashboard/login</c>: the API's log-in (same per-IP and per-e-mail limits, lock-out, Restricted Territory check
/// and answers), then the session goes into the console cookie.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.LogIn)]
internal sealed class LogInModel(IDispatcher dispatcher) : ConsolePageModel
{
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true, Name = "return_url")]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if ((await HttpContext.AuthenticateAsync(ConsoleAuth.Scheme)).Succeeded)
        {
            return LocalRedirect(ConsoleCulture.LocalOrHome(ReturnUrl));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        LogInResult? result = null;
        if (!await TryAsync(async () => result = await dispatcher.LogInCountingFailuresAsync(
                new LogInCommand(Email ?? string.Empty, Password ?? string.Empty, ClientIp), HttpContext.RequestAborted)))
        {
            Password = null;
            return Page();
        }

        await ConsoleSignIn.SignInAsync(HttpContext, result!.AccessToken);
        return LocalRedirect(ConsoleCulture.LocalOrHome(ReturnUrl));
    }
}
