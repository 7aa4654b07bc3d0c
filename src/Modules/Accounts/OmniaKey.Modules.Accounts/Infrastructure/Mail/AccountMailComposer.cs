using System.Globalization;
using System.Net;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Accounts.Domain.Tokens;

namespace OmniaKey.Modules.Accounts.Infrastructure.Mail;

/// <summary>
/// Writes the e-mails that carry a token. With a public base URL (<c>Accounts:PublicBaseUrl</c>, else
/// <c>Policies:PublicBaseUrl</c>) they link to the web console; the token and the API route are always in the text.
/// </summary>
internal sealed class AccountMailComposer(string? publicBaseUrl)
{
    public EmailMessage Compose(string to, AccountTokenPurpose purpose, string secret, DateTimeOffset expiresAt)
    {
        var (subject, action, page, route) = purpose switch
        {
            AccountTokenPurpose.EmailVerification => ("Verify your OmniaKey e-mail address", "verify this e-mail address", "verify-email", "POST /api/v1/auth/verify-email"),
            AccountTokenPurpose.PasswordReset => ("Reset your OmniaKey password", "choose a new password", "reset-password", "POST /api/v1/auth/password-reset/confirm"),
            _ => ("You are invited to OmniaKey: set your password", "set the password of your OmniaKey account", "set-password", "POST /api/v1/auth/password-reset/confirm"),
        };
        var link = string.IsNullOrWhiteSpace(publicBaseUrl) ? null : $"{publicBaseUrl.TrimEnd('/')}/dashboard/{page}?token={Uri.EscapeDataString(secret)}";
        var until = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var ignore = purpose == AccountTokenPurpose.Invitation
            ? "If you did not expect this invitation, ignore this message."
            : "If you did not ask for this, ignore this message; nothing changes.";

        var text = link is null
            ? $"To {action}, send this token with {route} before {until}:\n\n{secret}\n\n{ignore}\n"
            : $"To {action}, open this link before {until}:\n\n{link}\n\nOr send this token with {route}:\n{secret}\n\n{ignore}\n";
        var html = link is null
            ? $"<p>To {action}, send this token with <code>{route}</code> before {until}:</p><p><code>{WebUtility.HtmlEncode(secret)}</code></p><p>{ignore}</p>"
            : $"<p>To {action}, open this link before {until}:</p><p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(link)}</a></p>"
              + $"<p>Or send this token with <code>{route}</code>: <code>{WebUtility.HtmlEncode(secret)}</code></p><p>{ignore}</p>";
        return new EmailMessage(to, subject, text, html);
    }

    public static EmailMessage ComposeClosing(string to, DateTimeOffset closedAt)
    {
        var at = closedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        const string Kept = "The unused paid balance is refunded to the original payment method. We keep the ledger for "
            + "accounting; your e-mail address, password and sign-up IP address have been removed.";
        return new EmailMessage(
            to,
            "Your OmniaKey account is closed",
            $"Your OmniaKey account was closed at {at} at your request. {Kept}\n",
            $"<p>Your OmniaKey account was closed at {at} at your request.</p><p>{Kept}</p>");
    }
}
