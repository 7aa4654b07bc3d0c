using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Accounts.Application.Accounts.LogInFailures;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUp;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// <c>/dashboard/signup</c>: the API's sign-up (same limits, Restricted Territory decision on the declared country
/// and the client IP, recorded even when refused; same answer whether or not the address is taken), then the API's
/// log-in, whose session goes into the console cookie.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimitPolicies.SignUp)]
internal sealed class SignUpModel(IDispatcher dispatcher, IStringLocalizer<AccountsConsoleText> text) : ConsolePageModel
{
    public const string Landing = "/dashboard";

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Country { get; set; }

    [BindProperty]
    public string? TermsVersion { get; set; }

    [BindProperty]
    public bool EligibilityConfirmed { get; set; }

    /// <summary>The Terms in force, which the form offers; null when none are (then nobody can sign up).</summary>
    public TermsDto? Terms { get; private set; }

    public IReadOnlyList<Country> Countries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if ((await HttpContext.AuthenticateAsync(ConsoleAuth.Scheme)).Succeeded)
        {
            return LocalRedirect(Landing);
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var command = new SignUpCommand(
            Email ?? string.Empty, Password ?? string.Empty, Country ?? string.Empty, TermsVersion ?? string.Empty, EligibilityConfirmed, ClientIp);
        if (!await TryAsync(() => dispatcher.SendRecordingDenial(command, HttpContext.RequestAborted)))
        {
            Password = null;
            await LoadAsync();
            return Page();
        }

        try
        {
            var session = await dispatcher.LogInCountingFailuresAsync(new LogInCommand(command.Email, command.Password, ClientIp), HttpContext.RequestAborted);
            await ConsoleSignIn.SignInAsync(HttpContext, session.AccessToken);
            return LocalRedirect(Landing);
        }
        catch (AppException)
        {
            // The API answers a sign-up with a taken address like a fresh one and then refuses the log-in (the owner is
            // told by e-mail); the page says no more than that, in words that fit both cases.
            TempData["Notice"] = text["SignUp.LogInToContinue"].Value;
            return Redirect(ConsoleAuth.LogInPath);
        }
    }

    private async Task LoadAsync()
    {
        Countries = Pages.Countries.For(CultureInfo.CurrentUICulture);
        try
        {
            Terms = await dispatcher.Query(new GetCurrentTermsQuery(), HttpContext.RequestAborted);
        }
        catch (AppException error)
        {
            ShowError(error);
        }
    }
}
