using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Contracts;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.Modules.Policies.Domain.Notices;
using OmniaKey.Modules.Policies.Domain.Terms;

namespace OmniaKey.Modules.Policies.Application.Notices;

internal sealed class ListNoticeWorkQueryHandler(ITermsRepository terms) : IQueryHandler<ListNoticeWorkQuery, IReadOnlyList<NoticeWork>>
{
    public async Task<IReadOnlyList<NoticeWork>> Handle(ListNoticeWorkQuery query, CancellationToken cancellationToken) =>
        [.. (await terms.ListWithNoticeWorkAsync(cancellationToken)).Select(v => new NoticeWork(v.Version, v.NoticesPreparedAt is not null))];
}

internal sealed class PrepareTermsNoticesCommandHandler(IDispatcher dispatcher, ITermsNoticeRepository notices, TimeProvider clock)
    : ICommandHandler<PrepareTermsNoticesCommand, PreparedPage>
{
    public async Task<PreparedPage> Handle(PrepareTermsNoticesCommand command, CancellationToken cancellationToken)
    {
        var funded = await dispatcher.Query(new ListFundedAccountsQuery(command.After, command.PageSize), cancellationToken);
        if (funded.Count == 0)
        {
            return new PreparedPage(0, null);
        }

        var contacts = await dispatcher.Query(new GetAccountContactsQuery(funded), cancellationToken);
        var notified = await notices.FindNotifiedAsync(command.Version, funded, cancellationToken);
        var now = clock.GetUtcNow();
        var created = 0;
        foreach (var contact in contacts.Where(c => !notified.Contains(c.AccountId)))
        {
            notices.Add(TermsNotice.Create(contact.AccountId, command.Version, contact.Email, now));
            created++;
        }

        return new PreparedPage(created, funded.Count < command.PageSize ? null : funded[^1]);
    }
}

internal sealed class MarkNoticesPreparedCommandHandler(ITermsRepository terms, TimeProvider clock) : ICommandHandler<MarkNoticesPreparedCommand>
{
    public async Task Handle(MarkNoticesPreparedCommand command, CancellationToken cancellationToken) =>
        (await terms.FindAsync(command.Version, cancellationToken))?.MarkNoticesPrepared(clock.GetUtcNow());
}

internal sealed class ClaimTermsNoticesCommandHandler(ITermsNoticeRepository notices, ITermsRepository terms, TermsNoticeOptions options, TimeProvider clock)
    : ICommandHandler<ClaimTermsNoticesCommand, NoticeClaim>
{
    public async Task<NoticeClaim> Handle(ClaimTermsNoticesCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid();
        var claimed = await notices.ClaimAsync(token, command.Limit, options.MaxAttempts, now, now.AddSeconds(options.LeaseSeconds), cancellationToken);
        var effective = (await terms.ListAsync(cancellationToken)).ToDictionary(v => v.Version, v => v.EffectiveAt);
        return new NoticeClaim(token, [.. claimed.Select(n => new NoticeToSend(n.Id, n.Email, n.Version, effective[n.Version]))]);
    }
}

internal sealed class MarkTermsNoticeSentCommandHandler(ITermsNoticeRepository notices, TimeProvider clock) : ICommandHandler<MarkTermsNoticeSentCommand, bool>
{
    public Task<bool> Handle(MarkTermsNoticeSentCommand command, CancellationToken cancellationToken) =>
        notices.MarkSentAsync(command.NoticeId, command.ClaimToken, clock.GetUtcNow(), cancellationToken);
}

internal sealed class ReleaseTermsNoticesCommandHandler(ITermsNoticeRepository notices) : ICommandHandler<ReleaseTermsNoticesCommand>
{
    public Task Handle(ReleaseTermsNoticesCommand command, CancellationToken cancellationToken) =>
        notices.ReleaseAsync(command.ClaimToken, command.FailedNoticeId, command.Error, cancellationToken);
}

internal sealed class CountPendingTermsNoticesQueryHandler(ITermsNoticeRepository notices) : IQueryHandler<CountPendingTermsNoticesQuery, int>
{
    public Task<int> Handle(CountPendingTermsNoticesQuery query, CancellationToken cancellationToken) => notices.CountPendingAsync(cancellationToken);
}
