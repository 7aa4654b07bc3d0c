using System.Text.Json;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Accounts.Application.Passwords;
using OmniaKey.Modules.Accounts.Application.SelfService;
using OmniaKey.Modules.Accounts.Application.Sessions;
using OmniaKey.Modules.Accounts.Application.Verification;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>
/// <c>/dashboard/account</c>: the signed-in customer's profile and Terms, and the self-service actions of
/// <c>/api/v1/account</c> and <c>/api/v1/auth</c> — each form sends the same command as its API route. Accepting a newer
/// Terms version posts to Policies' <c>/dashboard/terms/accept</c>.
/// </summary>
internal sealed class AccountModel(
    IDispatcher dispatcher,
    IOptions<HttpJsonOptions> json,
    IStringLocalizer<AccountsConsoleText> text) : ConsolePageModel
{
    /// <summary>Policies' accept page leaves its refusal here (Policies' <c>AcceptTermsModel.TermsErrorKey</c>).</summary>
    private const string TermsErrorKey = "TermsError";

    public MyAccountDto Account { get; private set; } = null!;

    public IReadOnlyList<TermsAcceptanceDto> Acceptances { get; private set; } = [];

    /// <summary>Versions in force or published later that this account has not accepted yet.</summary>
    public IReadOnlyList<TermsDto> ToAccept { get; private set; } = [];

    /// <summary>A refusal of the Terms' accept form, carried over its redirect.</summary>
    public string? TermsError { get; private set; }

    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? ClosePassword { get; set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostVerificationAsync()
    {
        if (!await TryAsync(() => dispatcher.Send(new RequestVerificationCommand(AccountId), HttpContext.RequestAborted)))
        {
            return await ReloadAsync();
        }

        return Done(text["Account.VerificationSent"].Value);
    }

    /// <summary>
    /// The change ends every session, this cookie's too; the command answers a fresh session for the caller (as the API
    /// does), so the customer stays signed in here with it and every other browser and token is signed out.
    /// </summary>
    public async Task<IActionResult> OnPostPasswordAsync()
    {
        LogInResult? session = null;
        var command = new ChangePasswordCommand(AccountId, CurrentPassword ?? string.Empty, NewPassword ?? string.Empty);
        if (!await TryAsync(async () => session = await dispatcher.Send(command, HttpContext.RequestAborted)))
        {
            return await ReloadAsync();
        }

        await ConsoleSignIn.SignInAsync(HttpContext, session!.AccessToken);
        return Done(text["Account.PasswordChanged"].Value);
    }

    public async Task<IActionResult> OnPostLogOutEverywhereAsync()
    {
        await dispatcher.Send(new LogOutEverywhereCommand(AccountId), HttpContext.RequestAborted);
        await ConsoleSignIn.SignOutAsync(HttpContext);
        TempData["Notice"] = text["Account.LoggedOutEverywhere"].Value;
        return Redirect(ConsoleAuth.LogInPath);
    }

    /// <summary>The same JSON document as <c>POST /api/v1/account/export</c> (the API's serializer settings), as a file.</summary>
    public async Task<IActionResult> OnPostExportAsync()
    {
        var export = await dispatcher.Query(new ExportAccountQuery(AccountId), HttpContext.RequestAborted);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, json.Value.SerializerOptions);
        return File(bytes, "application/json", $"omniakey-account-{AccountId:N}.json");
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (!await TryAsync(() => dispatcher.Send(new CloseAccountCommand(AccountId, ClosePassword ?? string.Empty), HttpContext.RequestAborted)))
        {
            return await ReloadAsync();
        }

        await ConsoleSignIn.SignOutAsync(HttpContext);
        TempData["Notice"] = text["Account.Closed"].Value;
        return Redirect(ConsoleAuth.LogInPath);
    }

    private RedirectResult Done(string notice)
    {
        TempData["Notice"] = notice;
        return Redirect("/dashboard/account");
    }

    private async Task<IActionResult> ReloadAsync()
    {
        CurrentPassword = NewPassword = ClosePassword = null;
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        TermsError = TempData[TermsErrorKey] as string;
        Account = await dispatcher.Query(new GetMyAccountQuery(AccountId), cancellationToken);
        Acceptances = await dispatcher.Query(new GetTermsAcceptancesQuery(AccountId), cancellationToken);
        var accepted = Acceptances.Select(a => a.Version).ToHashSet(StringComparer.Ordinal);
        try
        {
            var acceptable = await dispatcher.Query(new GetAcceptableTermsQuery(), cancellationToken);
            ToAccept = [.. acceptable.Where(t => !accepted.Contains(t.Version))];
        }
        catch (AppException error)
        {
            ShowError(error);
        }
    }
}
