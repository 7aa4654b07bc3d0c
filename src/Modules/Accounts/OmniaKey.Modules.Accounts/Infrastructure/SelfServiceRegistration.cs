using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;
using OmniaKey.Modules.Accounts.Application.Mail;
using OmniaKey.Modules.Accounts.Domain.Sessions;
using OmniaKey.Modules.Accounts.Domain.Tokens;
using OmniaKey.Modules.Accounts.Infrastructure.Mail;
using OmniaKey.Modules.Accounts.Infrastructure.Persistence;
using OmniaKey.Modules.Accounts.Infrastructure.Sessions;

namespace OmniaKey.Modules.Accounts.Infrastructure;

internal static class SelfServiceRegistration
{
    /// <summary>Sessions, e-mailed tokens and their mail (docs/accounts.md).</summary>
    public static IServiceCollection AddAccountSelfService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<IAccountTokenRepository, AccountTokenRepository>();
        services.AddScoped<IRevokedSessionRepository, RevokedSessionRepository>();
        services.AddSingleton<CachedCustomerSessions>();
        services.AddSingleton<ICustomerSessions>(sp => sp.GetRequiredService<CachedCustomerSessions>());
        services.AddSingleton<ISessionStateCache>(sp => sp.GetRequiredService<CachedCustomerSessions>());
        services.AddSingleton(new AccountMailComposer(configuration["Accounts:PublicBaseUrl"] is { Length: > 0 } own ? own : configuration["Policies:PublicBaseUrl"]));
        services.AddSingleton<AccountMailQueue>();
        services.AddHostedService<AccountMailWorker>();
        services.AddScoped<IAccountMail, BackgroundAccountMail>();
        services.AddScoped<TokenMailing>();
        return services;
    }
}
