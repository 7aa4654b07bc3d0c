using Microsoft.AspNetCore.Mvc.Filters;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Keys.Pages;

/// <summary>What the keys pages share: no response of theirs is ever stored by a browser or a proxy.</summary>
internal abstract class KeysPageModel : ConsolePageModel
{
    /// <summary>
    /// <c>no-store</c> on every answer, not only on the ones that show a new secret: a create or rotate answer is a
    /// page like any other, and a cached copy of it (back button, shared proxy, disk cache) would keep the secret.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context) =>
        context.HttpContext.Response.Headers.CacheControl = "no-store";

    /// <summary>An id of no key of this account is answered like the API answers it: 404.</summary>
    protected int StatusForError => ErrorCode == "key_not_found" ? 404 : 200;
}
