using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OmniaKey.IntegrationTests.Billing;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Accounts.SelfService;

/// <summary>Per test: a clean database, no mail; helpers for e-mailed tokens, sessions and the account routes.</summary>
public abstract partial class SelfServiceTestBase<TFixture>(TFixture fixture) : RefundTestBase<TFixture>(fixture), IAsyncLifetime
    where TFixture : SelfServiceFixture
{
    protected HttpClient Anonymous => Fixture.App.CreateClient();

    async Task IAsyncLifetime.InitializeAsync()
    {
        Fixture.Smtp.ClearReceivedEmail();
        await InitializeAsync();
        Fixture.Terminations.Clear();
    }

    /// <summary>Signs up a new customer; returns the e-mail, the account id and a client with its access token.</summary>
    protected async Task<(string Email, Guid Id, HttpClient Client, string Token)> NewCustomerAsync(string prefix = "self")
    {
        var email = ApiClientExtensions.NewEmail(prefix);
        var (id, token) = await Anonymous.SignUpAndLogInAsync(email);
        return (email, id, Fixture.App.CreateBearerClient(token), token);
    }

    /// <summary>
    /// Waits (bounded, polling) until <paramref name="count"/> messages to <paramref name="to"/> whose subject contains
    /// <paramref name="subject"/> arrived; returns one of them (the server keeps them unordered).
    /// </summary>
    protected async Task<MimeMessage> WaitForMailAsync(string to, string subject, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var matching = MailTo(to, subject);
            if (matching.Count >= count)
            {
                return matching[count - 1];
            }

            Assert.True(DateTime.UtcNow < deadline, $"No e-mail #{count} \"{subject}\" to {to} arrived; received: {string.Join(", ", Fixture.ReceivedMail().Select(m => m.Subject))}");
            await Task.Delay(20);
        }
    }

    protected List<MimeMessage> MailTo(string to, string subject) =>
        [.. Fixture.ReceivedMail().Where(m => m.To.Mailboxes.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? string.Empty).Contains(subject, StringComparison.Ordinal))];

    /// <summary>The token in an e-mail's link (<c>?token=…</c>), checked against the one spelled out in the text.</summary>
    protected static string TokenIn(MimeMessage message)
    {
        var text = message.TextBody ?? string.Empty;
        var match = TokenLink().Match(text);
        Assert.True(match.Success, $"No token link in: {text}");
        var token = Uri.UnescapeDataString(match.Groups[1].Value);
        Assert.Contains(token, message.HtmlBody, StringComparison.Ordinal);
        return token;
    }

    protected async Task<JsonNode> MyAccountAsync(HttpClient customer)
    {
        using var response = await customer.GetAsync("/api/v1/account");
        await response.AssertStatusAsync(HttpStatusCode.OK);
        return await response.ReadJsonNodeAsync();
    }

    protected static async Task AssertSessionAsync(HttpClient customer, HttpStatusCode expected)
    {
        using var response = await customer.GetAsync("/api/v1/account");
        await response.AssertStatusAsync(expected);
    }

    protected async Task<string?> ErrorFieldAsync(HttpResponseMessage response, string field)
    {
        var body = await response.ReadJsonNodeAsync();
        return body["errors"]?[field]?[0]?.GetValue<string>();
    }

    /// <summary>Moves the account's e-mailed tokens' times by <paramref name="shift"/> (negative: into the past).</summary>
    private protected async Task ShiftTokenTimesAsync(Guid accountId, TimeSpan shift)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AccountsDbContext>();
        var tokens = await db.AccountTokens.Where(t => t.AccountId == accountId).ToListAsync();
        foreach (var token in tokens)
        {
            db.Entry(token).Property(t => t.CreatedAt).CurrentValue = token.CreatedAt + shift;
            db.Entry(token).Property(t => t.ExpiresAt).CurrentValue = token.ExpiresAt + shift;
        }

        await db.SaveChangesAsync();
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_%\-]+)")]
    private static partial Regex TokenLink();
}
