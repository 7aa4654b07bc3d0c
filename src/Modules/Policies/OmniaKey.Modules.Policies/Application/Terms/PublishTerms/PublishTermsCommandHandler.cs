using OmniaKey.Application.Abstractions;
using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Policies.Application.Notices;
using OmniaKey.Modules.Policies.Contracts;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Terms.PublishTerms;

internal sealed class PublishTermsCommandHandler(
    ITermsRepository terms,
    ITermsNoticeQueue notices,
    ITermsScheduleChanges schedule,
    IUnitOfWork unitOfWork,
    PoliciesSettings settings,
    TimeProvider clock) : ICommandHandler<PublishTermsCommand, TermsDto>
{
    public async Task<TermsDto> Handle(PublishTermsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var label = command.Version!;
        var effectiveAt = command.EffectiveAt!.Value.ToUniversalTime();
        if (await terms.FindAsync(label, cancellationToken) is not null)
        {
            throw new ConflictException("terms_version_taken", $"Terms version \"{label}\" is already published.");
        }

        // §11: customers are told of a material change before it binds them.
        if (command.Material && effectiveAt <= now)
        {
            throw new RequestValidationException("effective_at", "must lie in the future for a material change (customers are e-mailed before it takes effect)");
        }

        // Versions follow one another: one taking effect before the latest published one would never be in force.
        var published = await terms.ListAsync(cancellationToken);
        var latest = published.Count == 0 ? null : published[0];
        if (latest is not null && effectiveAt <= latest.EffectiveAt)
        {
            throw new RequestValidationException("effective_at", $"must be later than the effective date of the latest version, \"{latest.Version}\" ({latest.EffectiveAt:O})");
        }

        var version = new TermsVersion(label, effectiveAt, now, command.Text!, command.Material);
        terms.Add(version);
        unitOfWork.OnCommitted(schedule.Changed);
        if (command.Material)
        {
            notices.EnqueueAfterCommit();
        }

        return version.ToDto(settings);
    }
}

/// <summary>Tells the in-memory schedule of versions (continued-use observer) that a version was published.</summary>
internal interface ITermsScheduleChanges
{
    void Changed();
}
