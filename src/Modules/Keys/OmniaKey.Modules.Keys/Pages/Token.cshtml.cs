using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Keys.Application.ApiKeys;
using OmniaKey.Modules.Keys.Application.ApiKeys.GetKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.RevokeKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.RotateKey;
using OmniaKey.Modules.Keys.Application.ApiKeys.UpdateKey;

namespace OmniaKey.Modules.Keys.Pages;

/// <summary>
/// <c>/dashboard/tokens/{id}</c>: one key, its limits to change (<c>PATCH</c> semantics: a box left as it was is
/// unchanged, an emptied box clears that limit), rotation with an optional overlap (the new secret shown once, in
/// this POST's answer) and revocation. Another account's key id is "not found", as on the API.
/// </summary>
internal sealed class TokenModel(IDispatcher dispatcher, IStringLocalizer<TokensText> text) : KeysPageModel
{
    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    [BindProperty]
    public KeyLimitsForm Form { get; set; } = new();

    [BindProperty(Name = "overlap_seconds")]
    public string? OverlapSeconds { get; set; }

    public ApiKeyDto? Key { get; private set; }

    /// <summary>The replacement issued by a rotation, with its secret: rendered into this answer only.</summary>
    public CreatedApiKeyDto? Rotated { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        if (Key is not null)
        {
            Form = KeyLimitsForm.From(Key);
        }

        return Answer();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var saved = await TryAsync(async () =>
        {
            var current = await dispatcher.Query(new GetKeyQuery(AccountId, Id), HttpContext.RequestAborted);
            var (name, limits) = Form.ToChanges(current);
            await dispatcher.Send(new UpdateKeyCommand(AccountId, Id, name, limits), HttpContext.RequestAborted);
        });
        if (saved)
        {
            TempData["Notice"] = text["Token.Saved"].Value;
            return Redirect($"/dashboard/tokens/{Id}");
        }

        // The form keeps what was typed, so a mistake can be corrected rather than typed again.
        await LoadAsync(keepErrorCode: true);
        return Answer();
    }

    public async Task<IActionResult> OnPostRotateAsync()
    {
        CreatedApiKeyDto? rotated = null;
        if (await TryAsync(async () => rotated = await dispatcher.Send(
                new RotateKeyCommand(AccountId, Id, ReadOverlapSeconds()), HttpContext.RequestAborted)))
        {
            Rotated = rotated;
            return Page();
        }

        await LoadAsync(keepErrorCode: true);
        if (Key is not null)
        {
            Form = KeyLimitsForm.From(Key);
        }

        return Answer();
    }

    public async Task<IActionResult> OnPostRevokeAsync()
    {
        ApiKeyDto? revoked = null;
        if (await TryAsync(async () => revoked = await dispatcher.Send(new RevokeKeyCommand(AccountId, Id), HttpContext.RequestAborted)))
        {
            TempData["Notice"] = text["Tokens.Revoked", revoked!.Name].Value;
            return Redirect("/dashboard/tokens");
        }

        await LoadAsync(keepErrorCode: true);
        if (Key is not null)
        {
            Form = KeyLimitsForm.From(Key);
        }

        return Answer();
    }

    /// <summary>Empty is no overlap, as an absent <c>overlap_seconds</c> is; the range is the command validator's.</summary>
    private int ReadOverlapSeconds()
    {
        if (string.IsNullOrWhiteSpace(OverlapSeconds))
        {
            return 0;
        }

        return int.TryParse(OverlapSeconds.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw new RequestValidationException("overlap_seconds", $"must be a whole number of seconds from 0 to {RotateKeyCommand.MaxOverlapSeconds}.");
    }

    private async Task LoadAsync(bool keepErrorCode = false)
    {
        try
        {
            Key = await dispatcher.Query(new GetKeyQuery(AccountId, Id), HttpContext.RequestAborted);
        }
        catch (NotFoundException error) when (!keepErrorCode || ErrorCode is null)
        {
            ShowError(error);
        }
        catch (NotFoundException)
        {
            // The action's own error (already shown) says it: the key is not this account's.
        }
    }

    private PageResult Answer()
    {
        var page = Page();
        page.StatusCode = Key is null ? 404 : StatusForError;
        return page;
    }
}
