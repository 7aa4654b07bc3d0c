using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application.Abstractions;

namespace OmniaKey.Infrastructure.Email;

public static class EmailRegistration
{
    /// <summary>
    /// The one <see cref="IEmailSender"/> (SMTP, <c>Email:Smtp:Host|Port|Username|Password|UseTls</c> and
    /// <c>Email:From</c>). Without a host and a sender it reports <see cref="IEmailSender.IsConfigured"/> false, and
    /// callers keep their mail pending.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EmailSettings>(configuration.GetSection("Email"));
        services.AddMetrics();
        services.AddSingleton<EmailTelemetry>();
        services.AddSingleton<IEmailSender, SmtpEmailSender>();
        return services;
    }
}
