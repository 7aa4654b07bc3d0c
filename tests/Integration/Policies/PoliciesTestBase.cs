using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Policies.Domain.Acceptances;
using OmniaKey.Modules.Policies.Domain.Notices;
using OmniaKey.Modules.Policies.Infrastructure.Jobs;
using OmniaKey.Modules.Policies.Infrastructure.Persistence;
using Xunit;

namespace OmniaKey.IntegrationTests.Policies;

/// <summary>Per test: a clean database, no mail received, the SMTP proxy healed; helpers for Terms, accounts and the job.</summary>
public abstract class PoliciesTestBase<TFixture>(TFixture fixture) : IAsyncLifetime
    where TFixture : PoliciesFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected HttpClient Admin { get; private set; } = null!;

    protected HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Fixture.ResetAsync();
        Fixture.ResetMail();
        Admin = Fixture.App.CreateAdminClient();
        Anonymous = Fixture.App.CreateClient();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    protected static string Iso(DateTimeOffset at) => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    protected Task<HttpResponseMessage> PublishAsync(string version, DateTimeOffset effectiveAt, bool material, string text = "Terms of Service\n\nQuestions? Email [email protected].") =>
        Admin.PostJsonAsync("/admin/v1/terms", new { version, effective_at = Iso(effectiveAt), material, text });

    protected async Task<JsonNode> PublishOkAsync(string version, DateTimeOffset effectiveAt, bool material)
    {
        using var response = await PublishAsync(version, effectiveAt, material);
        await response.AssertStatusAsync(HttpStatusCode.Created);
        return await response.ReadJsonNodeAsync();
    }

    /// <summary>An operator-created account, credited with <paramref name="creditUsd"/> unless null.</summary>
    protected async Task<(Guid Id, string Email)> AccountAsync(string? creditUsd)
    {
        var email = ApiClientExtensions.NewEmail("notice");
        var id = await Admin.CreateAccountAsync(email);
        if (creditUsd is not null)
        {
            await Admin.CreditAsync(id, creditUsd);
        }

        return (id, email);
    }

    protected async Task TerminateAsync(Guid accountId)
    {
        using var response = await Admin.PostJsonAsync($"/admin/v1/accounts/{accountId}/terminate", new { reason = "test", material_breach = false });
        await response.AssertSuccessAsync();
    }

    /// <summary>Runs <c>policies.send-terms-notices</c> on <paramref name="app"/> as a Hangfire worker would.</summary>
    protected static async Task RunNoticesJobAsync(OmniaKeyAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SendTermsNoticesJob>().RunAsync(CancellationToken.None);
    }

    protected Task RunNoticesJobAsync() => RunNoticesJobAsync(Fixture.App);

    private protected async Task<T> WithPoliciesDbAsync<T>(Func<PoliciesDbContext, Task<T>> read)
    {
        await using var scope = Fixture.App.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PoliciesDbContext>());
    }

    private protected Task<List<TermsAcceptance>> AcceptancesAsync(Guid accountId) =>
        WithPoliciesDbAsync(db => db.TermsAcceptances.AsNoTracking().Where(a => a.AccountId == accountId).ToListAsync());

    private protected Task<List<TermsNotice>> NoticesAsync() => WithPoliciesDbAsync(db => db.TermsNotices.AsNoTracking().ToListAsync());

    /// <summary>The recipients of the mail received so far, one entry per message.</summary>
    protected IReadOnlyList<string> Recipients() =>
        [.. Fixture.ReceivedMail().SelectMany(m => m.To.Mailboxes).Select(a => a.Address)];

    protected HttpClient BearerClient(string token)
    {
        var client = Fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected static async Task<JsonNode> OkJsonAsync(Task<HttpResponseMessage> sending, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await sending;
        await response.AssertStatusAsync(expected);
        return await response.ReadJsonNodeAsync();
    }
}
