using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUp;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Accounts;

public sealed class SignUpCommandHandlerTests : ModuleTestBase
{
    private const string Password = "correct horse battery";

    private static SignUpCommand Command(string email = "Me@Example.com", string terms = "2026-05-30") =>
        new(email, Password, "us", terms, true, "203.0.113.7");

    [Fact]
    public async Task Sign_up_stores_the_account_with_a_hashed_password_and_the_eligibility_statement()
    {
        var result = await Host.SendAsync(Command());

        var account = await Host.ReadAsync<AccountsDbContext, Account?>(db => db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == result.Id));
        Assert.NotNull(account);
        Assert.Equal("me@example.com", result.Email);
        Assert.Equal("me@example.com", account.Email);
        Assert.Equal("US", account.Country);
        Assert.Equal(AccountStatus.Active, account.Status);
        Assert.Equal(ModuleTestHost.Start, account.CreatedAt);

        Assert.NotNull(account.PasswordHash);
        Assert.DoesNotContain(Password, account.PasswordHash, StringComparison.Ordinal);
        var hasher = Host.Services.GetRequiredService<IPasswordHasher>();
        Assert.True(hasher.Verify(account.PasswordHash, Password));
        Assert.False(hasher.Verify(account.PasswordHash, Password + "!"));

        Assert.Equal(new EligibilityStatement("2026-05-30", ModuleTestHost.Start, "203.0.113.7"), account.Eligibility);
    }

    [Fact]
    public async Task The_same_password_hashes_differently_for_two_accounts()
    {
        var first = await Host.SendAsync(Command("one@example.com"));
        var second = await Host.SendAsync(Command("two@example.com"));

        var hashes = await Host.ReadAsync<AccountsDbContext, List<string?>>(db =>
            db.Accounts.AsNoTracking().Where(a => a.Id == first.Id || a.Id == second.Id).Select(a => a.PasswordHash).ToListAsync());
        Assert.Equal(2, hashes.Distinct().Count());
    }

    [Fact]
    public async Task A_terms_version_other_than_the_one_in_force_is_refused_and_nothing_is_stored()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() => Host.SendAsync(Command(terms: "2025-01-01")));

        var field = Assert.Single(error.Errors);
        Assert.Equal("terms_version", field.Field);
        Assert.Contains("2026-05-30", field.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Host.ReadAsync<AccountsDbContext, int>(db => db.Accounts.CountAsync()));
    }

    [Fact]
    public async Task An_email_already_taken_in_any_letter_case_is_answered_like_a_fresh_sign_up_and_stores_nothing()
    {
        var first = await Host.SendAsync(Command("me@example.com"));

        var second = await Host.SendAsync(Command("  ME@EXAMPLE.COM "));

        Assert.Equal("me@example.com", second.Email);
        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(1, await Host.ReadAsync<AccountsDbContext, int>(db => db.Accounts.CountAsync()));
        Assert.Null(await Host.ReadAsync<AccountsDbContext, Account?>(db => db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == second.Id)));
    }

    [Fact]
    public async Task The_pipeline_reports_every_invalid_field_in_snake_case_before_the_handler_runs()
    {
        var error = await Assert.ThrowsAsync<RequestValidationException>(() =>
            Host.SendAsync(new SignUpCommand("nope", "short", "USA", "2026-05-30", false, null)));

        Assert.Equal(
            ["country", "eligibility_confirmed", "email", "password"],
            error.Errors.Select(e => e.Field).Distinct().Order(StringComparer.Ordinal));
        Assert.All(error.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
        Assert.Equal(0, await Host.ReadAsync<AccountsDbContext, int>(db => db.Accounts.CountAsync()));
    }
}
