using System.Text.RegularExpressions;
using MimeKit;
using Xunit;

namespace OmniaKey.IntegrationTests.Console;

/// <summary>The e-mails the console's flows send, read from the fixture's real SMTP server.</summary>
public static partial class ConsoleMail
{
    /// <summary>
    /// Waits (bounded, polling) for the <paramref name="count"/>th message to <paramref name="to"/> whose subject contains
    /// <paramref name="subject"/>, and answers the path and query of the console link in it (the e-mail's link points at
    /// the configured public base URL; the test's browser follows it on the test server).
    /// </summary>
    public static async Task<string> WaitForLinkAsync(this ConsoleFixture fixture, string to, string subject, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var matching = MailTo(fixture, to, subject);
            if (matching.Count >= count)
            {
                var text = matching[count - 1].TextBody ?? string.Empty;
                var link = ConsoleLink().Match(text);
                Assert.True(link.Success, $"No console link in: {text}");
                return new Uri(link.Value).PathAndQuery;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No e-mail #{count} \"{subject}\" to {to} arrived.");
            await Task.Delay(20);
        }
    }

    public static List<MimeMessage> MailTo(ConsoleFixture fixture, string to, string subject) =>
        [.. fixture.ReceivedMail().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? string.Empty).Contains(subject, StringComparison.Ordinal))];

    [GeneratedRegex(@"https?://\S+/dashboard/[a-z-]+\?token=[A-Za-z0-9_%\-]+")]
    private static partial Regex ConsoleLink();
}
