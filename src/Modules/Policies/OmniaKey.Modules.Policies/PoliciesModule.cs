using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.Application;
using OmniaKey.Infrastructure.Persistence;
using OmniaKey.Modules.Policies.Application;
using OmniaKey.Modules.Policies.Application.Notices;
using OmniaKey.Modules.Policies.Application.RefundPolicy;
using OmniaKey.Modules.Policies.Application.Terms.PublishTerms;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Acceptances;
using OmniaKey.Modules.Policies.Domain.Notices;
using OmniaKey.Modules.Policies.Domain.Terms;
using OmniaKey.Modules.Policies.Endpoints;
using OmniaKey.Modules.Policies.Infrastructure.Acceptances;
using OmniaKey.Modules.Policies.Infrastructure.Documents;
using OmniaKey.Modules.Policies.Infrastructure.Jobs;
using OmniaKey.Modules.Policies.Infrastructure.Notices;
using OmniaKey.Modules.Policies.Infrastructure.Persistence;
using OmniaKey.WebConsole;

namespace OmniaKey.Modules.Policies;

/// <summary>Terms of Service versions, their acceptances and change notices (Terms §11), and the Refund Policy.</summary>
public static class PoliciesModule
{
    public static IServiceCollection AddPoliciesModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PoliciesDbContext, SqlitePoliciesDbContext, PostgresPoliciesDbContext, SqlServerPoliciesDbContext>(PoliciesDbContext.SchemaName);
        services.AddSingleton(new PoliciesSettings(configuration["Support:Email"], configuration["Policies:PublicBaseUrl"]));
        services.AddScoped<ITermsRepository, TermsRepository>();
        services.AddScoped<ITermsAcceptanceRepository, TermsAcceptanceRepository>();
        services.AddScoped<IDataSeeder, TermsSeeder>();
        services.AddSingleton<IPolicyDocuments, EmbeddedPolicyDocuments>();
        AddContinuedUse(services);
        AddNotices(services, configuration);
        services.AddHandlersFrom(typeof(PoliciesModule).Assembly);
        services.AddConsolePages(typeof(PoliciesModule).Assembly);
        return services;
    }

    public static IEndpointRouteBuilder MapPoliciesEndpoints(this IEndpointRouteBuilder app)
    {
        TermsEndpoints.Map(app);
        return app;
    }

    /// <summary>Continued use as acceptance: a memory-only observer on the hot path and a background writer.</summary>
    private static void AddContinuedUse(IServiceCollection services)
    {
        services.AddSingleton<TermsUsageObserver>();
        services.AddSingleton<ITermsUsageObserver>(sp => sp.GetRequiredService<TermsUsageObserver>());
        services.AddSingleton<ITermsScheduleChanges>(sp => sp.GetRequiredService<TermsUsageObserver>());
        services.AddHostedService<ContinuedUseWriter>();
    }

    /// <summary>Terms-change notices: the job <c>policies.send-terms-notices</c>, enqueued on publication and recurring.</summary>
    private static void AddNotices(IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Policies:Notices");
        var defaults = new TermsNoticeOptions();
        services.AddSingleton(new TermsNoticeOptions(
            Math.Max(1, section.GetValue("BatchSize", defaults.BatchSize)),
            Math.Clamp(section.GetValue("PageSize", defaults.PageSize), 1, 1000),
            Math.Max(30, section.GetValue("LeaseSeconds", defaults.LeaseSeconds)),
            Math.Max(1, section.GetValue("MaxAttempts", defaults.MaxAttempts))));
        services.AddScoped<ITermsNoticeRepository, TermsNoticeRepository>();
        services.AddScoped<ITermsNoticeQueue, TermsNoticeJobQueue>();
        services.AddScoped<TermsNoticeDelivery>();
        services.AddScoped<SendTermsNoticesJob>();
        services.AddHostedService<TermsNoticeSchedule>();
    }
}
