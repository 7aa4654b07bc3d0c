using Microsoft.Extensions.Configuration;

namespace OmniaKey.Modules.Routing.Infrastructure.Relay;

/// <summary>
/// What one <c>/v1/chat/completions</c> body may hold: <c>Gateway:MaxRequestBytes</c> (default 4 MB; above it, 413
/// before the body is read), <c>Gateway:MaxMessages</c> and <c>Gateway:MaxContentParts</c> (default 10,000 each,
/// across all messages; above them, 400 naming the field). The byte limit keeps each request's memory proportional to
/// a bounded body; the caps bound the work of walking and translating it.
/// </summary>
internal sealed record RequestLimits(long MaxRequestBytes, int MaxMessages, int MaxContentParts)
{
    public const long DefaultMaxRequestBytes = 4L * 1024 * 1024;

    public const int DefaultMaxMessages = 10_000;

    public const int DefaultMaxContentParts = 10_000;

    public static RequestLimits Default { get; } = new(DefaultMaxRequestBytes, DefaultMaxMessages, DefaultMaxContentParts);

    public static RequestLimits From(IConfiguration configuration) => new(
        long.TryParse(configuration["Gateway:MaxRequestBytes"], out var bytes) && bytes > 0 ? bytes : DefaultMaxRequestBytes,
        int.TryParse(configuration["Gateway:MaxMessages"], out var messages) && messages > 0 ? messages : DefaultMaxMessages,
        int.TryParse(configuration["Gateway:MaxContentParts"], out var parts) && parts > 0 ? parts : DefaultMaxContentParts);
}
