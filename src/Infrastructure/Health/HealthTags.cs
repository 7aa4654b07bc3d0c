namespace OmniaKey.Infrastructure.Health;

/// <summary>Tags of the health checks; <c>/health/ready</c> runs those tagged <see cref="Ready"/>.</summary>
public static class HealthTags
{
    public const string Ready = "ready";
}
