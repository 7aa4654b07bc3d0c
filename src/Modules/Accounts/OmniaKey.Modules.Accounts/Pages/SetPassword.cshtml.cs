using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Accounts.Pages;

/// <summary><c>/dashboard/set-password?token=…</c>: the operator invitation's link; the same form and command as a reset.</summary>
[AllowAnonymous]
internal sealed class SetPasswordModel(IDispatcher dispatcher, IStringLocalizer<AccountsConsoleText> text)
    : NewPasswordPageModel(dispatcher, text)
{
    public IActionResult OnGet() => Page();
}
