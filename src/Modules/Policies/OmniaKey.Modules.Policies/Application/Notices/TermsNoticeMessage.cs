using System.Globalization;
using System.Net;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Policies.Application.Terms;

namespace OmniaKey.Modules.Policies.Application.Notices;

/// <summary>The Terms-change e-mail (Terms §11): the version, its effective date, where to read it, whom to ask.</summary>
internal static class TermsNoticeMessage
{
    public static EmailMessage For(NoticeToSend notice, PoliciesSettings settings)
    {
        var effective = notice.EffectiveAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var day = notice.EffectiveAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var url = settings.Link(TermsPresenter.PathOf(notice.Version));
        var support = settings.SupportContact;
        var subject = $"OmniaKey Terms of Service: version {notice.Version} takes effect on {day}";
        var text = $"""
            Hello,

            We have revised the OmniaKey Terms of Service. The new version, {notice.Version}, takes effect on {effective}.

            Read it here: {url}

            You receive this e-mail because your OmniaKey account has a balance: we e-mail material changes of the Terms to customers with an active balance (Terms section 11). Continued use of the Service after the effective date constitutes acceptance of the revised Terms; you can also accept them from your account.

            Questions? Contact {support}.

            OmniaKey
            """;
        var link = Uri.IsWellFormedUriString(url, UriKind.Absolute)
            ? $"<a href=\"{WebUtility.HtmlEncode(url)}\">{WebUtility.HtmlEncode(url)}</a>"
            : $"<code>{WebUtility.HtmlEncode(url)}</code>";
        var contact = support.Contains('@', StringComparison.Ordinal) && !support.Contains(' ', StringComparison.Ordinal)
            ? $"<a href=\"mailto:{WebUtility.HtmlEncode(support)}\">{WebUtility.HtmlEncode(support)}</a>"
            : WebUtility.HtmlEncode(support);
        var html = $"""
            <!DOCTYPE html>
            <html><body>
            <p>Hello,</p>
            <p>We have revised the OmniaKey Terms of Service. The new version, <strong>{WebUtility.HtmlEncode(notice.Version)}</strong>, takes effect on <strong>{effective}</strong>.</p>
            <p>Read it here: {link}</p>
            <p>You receive this e-mail because your OmniaKey account has a balance: we e-mail material changes of the Terms to customers with an active balance (Terms section 11). Continued use of the Service after the effective date constitutes acceptance of the revised Terms; you can also accept them from your account.</p>
            <p>Questions? Contact {contact}.</p>
            <p>OmniaKey</p>
            </body></html>
            """;
        return new EmailMessage(notice.Email, subject, text, html);
    }
}
