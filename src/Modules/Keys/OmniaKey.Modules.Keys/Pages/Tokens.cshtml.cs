using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Application.ApiKeys;
using OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.ListKeys;
using OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;

namespace OmniaKey.Modules.Keys.Pages;

/// <summary>
/// <c>/dashboard/tokens</c>: the account's keys, a page at a time as <c>GET /api/v1/keys</c> pages them; creating a
/// key (its secret shown once, in this POST's answer, and kept nowhere); revoking one. The same commands as the API.
/// </summary>
internal sealed class TokensModel(IDispatcher dispatcher, IStringLocalizer<TokensText> text) : KeysPageModel
{
    [BindProperty]
    public KeyLimitsForm Form { get; set; } = new() { SpendLimitPeriod = "total" };

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true, Name = "limit")]
    public int? Limit { get; set; }

    public KeyPageDto Keys { get; private set; } = new([], null);

    /// <summary>The key just created, with its secret: rendered into this answer only.</summary>
    public CreatedApiKeyDto? Created { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        CreatedApiKeyDto? created = null;
        if (await TryAsync(async () => created = await dispatcher.Send(
                new CreateKeyCommand(AccountId, Form.Name ?? string.Empty, Form.ToNewKeyLimits()), HttpContext.RequestAborted)))
        {
            Created = created;
            Form = new() { SpendLimitPeriod = "total" };
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        ApiKeyDto? revoked = null;
        if (await TryAsync(async () => revoked = await dispatcher.Send(new RevokeKeyCommand(AccountId, id), HttpContext.RequestAborted)))
        {
            TempData["Notice"] = text["Tokens.Revoked", revoked!.Name].Value;
            return Redirect("/dashboard/tokens");
        }

        var status = StatusForError;
        await LoadAsync();
        var page = Page();
        page.StatusCode = status;
        return page;
    }

    private async Task LoadAsync()
    {
        var keys = Keys;
        await TryAsync(async () => keys = await dispatcher.Query(new ListKeysQuery(AccountId, Cursor, Limit), HttpContext.RequestAborted));
        Keys = keys;
    }
}
