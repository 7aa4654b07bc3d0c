using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Exceptions;
using OmniaKey.Infrastructure.Security;
using OmniaKey.WebConsole.Text;

namespace OmniaKey.WebConsole;

/// <summary>
/// Base of every console page. Pages send the module's own commands and queries (through <c>IDispatcher</c>), exactly
/// as the module's API endpoints do, so validation, business rules and errors are the API's; an error is shown in
/// words in the reader's language, with the API's code beside it.
/// </summary>
public abstract class ConsolePageModel : PageModel
{
    /// <summary>The signed-in account; only on pages that require sign-in (all but the <c>[AllowAnonymous]</c> ones).</summary>
    protected Guid AccountId =>
        Guid.TryParse(User.FindFirstValue(AuthSchemes.AccountIdClaim), out var id)
            ? id
            : throw new InvalidOperationException("This page requires a signed-in account.");

    /// <summary>The client IP as the API sees it (forwarded headers are applied only from trusted proxies).</summary>
    protected string? ClientIp => HttpContext.Connection.RemoteIpAddress?.ToString();

    /// <summary>Runs <paramref name="action"/>; an application error becomes a message on the page, and false.</summary>
    protected async Task<bool> TryAsync(Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (AppException error)
        {
            ShowError(error);
            return false;
        }
    }

    /// <summary>Adds <paramref name="error"/> to the page's error summary, in words, with every field it names.</summary>
    protected void ShowError(AppException error)
    {
        var text = HttpContext.RequestServices.GetRequiredService<IStringLocalizer<ConsoleText>>();
        var words = text["Error." + error.Code];
        ModelState.AddModelError(string.Empty, words.ResourceNotFound ? error.Message : words.Value);
        if (error is RequestValidationException validation)
        {
            foreach (var field in validation.Errors)
            {
                ModelState.AddModelError(string.Empty, text["Error.Field", field.Field, field.Message]);
            }
        }

        ErrorCode = error.Code;
    }

    /// <summary>The API's code of the last error shown (rendered beside the words, for support and for tests).</summary>
    public string? ErrorCode { get; private set; }
}
