using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Billing.Application.Usage;
using OmniaKey.Modules.Billing.Application.Usage.ExportUsage;
using OmniaKey.Modules.Billing.Application.Usage.ListUsage;
using OmniaKey.Modules.Billing.Endpoints;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Billing.Pages;

/// <summary>
/// <c>/dashboard/usage</c>: the account's usage records, newest first, a page at a time (the API's cursor), filtered
/// by key, model and dates, and the filtered records as the API's CSV export. The filters are the query string of
/// <c>GET /api/v1/usage</c> and are validated by the same query, so a bad filter is the API's error, in words. One
/// difference, for people picking dates: a plain date in <c>to</c> includes that day (the API's <c>to</c> is
/// exclusive, so the page sends the next day).
/// </summary>
internal sealed class UsageModel(IDispatcher dispatcher) : ConsolePageModel
{
    [BindProperty(SupportsGet = true, Name = "key_id")]
    public string? KeyId { get; set; }

    [BindProperty(SupportsGet = true, Name = "model")]
    public string? ModelId { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "cursor")]
    public string? Cursor { get; set; }

    public IReadOnlyList<UsageItemDto> Items { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public UsageKeyNames Keys { get; private set; } = UsageKeyNames.None;

    public bool Filtered => KeyId is not null || ModelId is not null || From is not null || To is not null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Keys = await UsageKeyNames.LoadAsync(dispatcher, AccountId, cancellationToken);
        await TryAsync(async () =>
        {
            var page = await dispatcher.Query(new ListUsageQuery(AccountId, null, Cursor, KeyId, ModelId, From, ExclusiveTo(To)), cancellationToken);
            (Items, NextCursor) = (page.Data, page.NextCursor);
        });
    }

    /// <summary>The filtered records as the API's CSV; a bad filter shows the page with the error instead.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        IAsyncEnumerable<UsageItemDto>? rows = null;
        if (!await TryAsync(async () => rows = await dispatcher.Query(new ExportUsageQuery(AccountId, KeyId, ModelId, From, ExclusiveTo(To)), cancellationToken)))
        {
            Keys = await UsageKeyNames.LoadAsync(dispatcher, AccountId, cancellationToken);
            return Page();
        }

        Response.ContentType = UsageCsv.ContentType;
        Response.Headers.ContentDisposition = "attachment; filename=\"usage.csv\"";
        await UsageCsv.WriteAsync(Response.Body, rows!, cancellationToken);
        return new EmptyResult();
    }

    /// <summary>This page with the current filters and <paramref name="extra"/> (the cursor, or the export handler).</summary>
    public string Link(params (string Name, string? Value)[] extra)
    {
        var query = new Dictionary<string, string?>
        {
            ["key_id"] = KeyId,
            ["model"] = ModelId,
            ["from"] = From,
            ["to"] = To,
        };
        foreach (var (name, value) in extra)
        {
            query[name] = value;
        }

        return QueryHelpers.AddQueryString("/dashboard/usage", query.Where(p => p.Value is not null));
    }

    /// <summary>A plain date means "up to and including that day"; anything else goes to the query as written.</summary>
    internal static string? ExclusiveTo(string? to) =>
        DateOnly.TryParseExact(to?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : to;

    /// <summary>A filter's value for a date input, which accepts only <c>yyyy-MM-dd</c>.</summary>
    public static string? DateValue(string? text) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? text!.Trim() : null;

    internal static string Status(IStringLocalizer text, string status)
    {
        var words = text["Usage.Status." + status];
        return words.ResourceNotFound ? status : words.Value;
    }
}
