using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Infrastructure.RateLimiting;
using OmniaKey.Infrastructure.Startup;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Accounts.Application.Accounts.SignUpAttemptNotice;
using OmniaKey.Modules.Accounts.Application.Accounts.Throttling;
using OmniaKey.Modules.Accounts.Application.Accounts.GetAccountContacts;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Accounts.Domain.Accounts;
using OmniaKey.Modules.Accounts.Endpoints;
using OmniaKey.Modules.Accounts.Infrastructure;
using OmniaKey.Modules.Accounts.Infrastructure.Notices;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.Modules.Accounts.Infrastructure.Security;
using OmniaKey.Modules.Accounts.Infrastructure.Throttling;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Accounts;

/// <summary>Customers: sign-up, log-in, status.</summary>
public static class AccountsModule
{
    public static IServiceCollection AddAccountsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<AccountsDbContext, SqliteAccountsDbContext, PostgresAccountsDbContext, SqlServerAccountsDbContext>(AccountsDbContext.SchemaName);
        services.AddScoped<IAccountRepository, AccountRepository>();
        services.AddScoped<IAccountContacts, AccountContacts>();
        services.AddSingleton<IPasswordHasher, IdentityPasswordHasher>();
        services.AddSingleton<UnknownAccountPassword>();
        services.TryAddSingleton(_ => RateLimitSettings.FromConfiguration(configuration));
        services.AddSingleton<IAuthAttemptLimits, AuthAttemptLimits>();
        services.AddScoped<ILogInLockouts, LogInLockoutStore>();
        services.AddHostedService<AccountsJobSchedule>();
        services.AddScoped<ISignUpAttemptNotices, SignUpAttemptNoticeQueue>();
        services.AddSingleton<CachedAccountDirectory>();
        services.AddSingleton<IStartupWarmup>(sp => sp.GetRequiredService<CachedAccountDirectory>());
        services.AddSingleton<IAccountDirectory>(sp => sp.GetRequiredService<CachedAccountDirectory>());
        services.AddSingleton<IAccountStatusCache>(sp => sp.GetRequiredService<CachedAccountDirectory>());
        services.AddAccountSelfService(configuration);
        services.AddHandlersFrom(typeof(AccountsModule).Assembly);
        services.AddConsolePages(typeof(AccountsModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapAccountsEndpoints(this IEndpointRouteBuilder app)
    {
        AccountsEndpoints.Map(app);
        AccountSelfServiceEndpoints.Map(app);
        SessionAndPasswordEndpoints.Map(app);
        AccountsAdminEndpoints.Map(app);
        return app;
    }
}
