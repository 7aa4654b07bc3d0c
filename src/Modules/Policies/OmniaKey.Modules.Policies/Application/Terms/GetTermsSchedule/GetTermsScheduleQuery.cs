using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms.GetTermsSchedule;

/// <summary>When each version takes effect (without texts), for the continued-use observer's memory.</summary>
internal sealed record GetTermsScheduleQuery : IQuery<TermsSchedule>;

internal sealed record TermsSchedule(IReadOnlyList<(string Version, DateTimeOffset EffectiveAt)> Versions)
{
    /// <summary>The version in force at <paramref name="now"/>: the latest effective date not after it.</summary>
    public string? InForceAt(DateTimeOffset now)
    {
        string? best = null;
        var bestAt = DateTimeOffset.MinValue;
        foreach (var (version, effectiveAt) in Versions)
        {
            if (effectiveAt <= now && (best is null || effectiveAt > bestAt))
            {
                best = version;
                bestAt = effectiveAt;
            }
        }

        return best;
    }
}

internal sealed class GetTermsScheduleQueryHandler(ITermsRepository terms) : IQueryHandler<GetTermsScheduleQuery, TermsSchedule>
{
    public async Task<TermsSchedule> Handle(GetTermsScheduleQuery query, CancellationToken cancellationToken)
    {
        var versions = await terms.ListAsync(cancellationToken);
        return new TermsSchedule([.. versions.Select(v => (v.Version, v.EffectiveAt))]);
    }
}
