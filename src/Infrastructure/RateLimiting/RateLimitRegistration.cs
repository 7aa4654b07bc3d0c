using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OmniaKey.Infrastructure.RateLimiting;

/// <summary>
/// Abuse limits (docs/abuse-limits.md, docs/adr/0030): ASP.NET Core rate limiting with one named policy per
/// anonymous surface, each partitioned by client IP; the failure throttles for API keys and the admin token.
/// Everything is per instance and in memory.
/// </summary>
public static class RateLimitRegistration
{
    public static IServiceCollection AddAbuseLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = RateLimitSettings.FromConfiguration(configuration);
        services.TryAddSingleton(settings);
        services.TryAddSingleton<ApiKeyFailureThrottle>();
        services.TryAddSingleton<AdminFailureThrottle>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            AddPerIp(options, RateLimitPolicies.SignUp, settings.SignUpPermitsPerHour, TimeSpan.FromHours(1));
            AddPerIp(options, RateLimitPolicies.LogIn, settings.LogInPermitsPerMinute, TimeSpan.FromMinutes(1));
            AddPerIp(options, RateLimitPolicies.AccountEmail, settings.AccountEmailPermitsPerHour, TimeSpan.FromHours(1));
            AddPerIp(options, RateLimitPolicies.Webhooks, settings.WebhooksPermitsPerMinute, TimeSpan.FromMinutes(1));
            options.OnRejected = (context, _) =>
            {
                // A fixed window's refusal carries the window as its retry-after: the longest the caller may wait.
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                return new ValueTask(TooManyRequests.WriteRateLimitedAsync(context.HttpContext, retryAfter));
            };
        });
        return services;
    }

    /// <summary>After the exception handler (so a refusal still gets its request id), before authentication.</summary>
    public static IApplicationBuilder UseAbuseLimits(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>
    /// Counts the attempts, not the looking: a GET or HEAD never uses a permit. The API's routes under these policies
    /// are POSTs anyway; the web console's pages (log-in, sign-up, password reset) answer GET with the form and POST
    /// with the attempt, and only the attempt may count, or reading the form would use up an office's sign-ups.
    /// </summary>
    private static void AddPerIp(RateLimiterOptions options, string policy, int permits, TimeSpan window) =>
        options.AddPolicy(policy, http => HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("read")
            : RateLimitPartition.GetFixedWindowLimiter(
                ClientPartition.Of(http),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true }));
}
