using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Policies.Application.Notices;

/// <summary>Material versions with notice work: notices not all created yet (<c>Prepared</c> false), or unsent.</summary>
internal sealed record ListNoticeWorkQuery : IQuery<IReadOnlyList<NoticeWork>>;

internal sealed record NoticeWork(string Version, bool Prepared);

/// <summary>
/// Creates the notices of one page of funded accounts (Billing) that are not terminated (Accounts) and have none yet
/// for the version; one transaction per page.
/// </summary>
internal sealed record PrepareTermsNoticesCommand(string Version, Guid? After, int PageSize) : ICommand<PreparedPage>;

/// <summary><c>Next</c> is the cursor of the next page; null when this was the last.</summary>
internal sealed record PreparedPage(int Created, Guid? Next);

/// <summary>Records that every notice of the version exists (the sweep stops reading balances for it).</summary>
internal sealed record MarkNoticesPreparedCommand(string Version) : ICommand;

/// <summary>Claims up to <c>Limit</c> unsent notices for one worker (a token and a lease).</summary>
internal sealed record ClaimTermsNoticesCommand(int Limit) : ICommand<NoticeClaim>;

internal sealed record NoticeClaim(Guid Token, IReadOnlyList<NoticeToSend> Notices);

internal sealed record NoticeToSend(Guid Id, string Email, string Version, DateTimeOffset EffectiveAt);

/// <summary>Marks one notice sent, right after the SMTP server accepted it (its own transaction).</summary>
internal sealed record MarkTermsNoticeSentCommand(Guid NoticeId, Guid ClaimToken) : ICommand<bool>;

/// <summary>Gives back a claim's unsent notices after a failure, counting the attempt on the notice being sent.</summary>
internal sealed record ReleaseTermsNoticesCommand(Guid ClaimToken, Guid? FailedNoticeId, string Error) : ICommand;

internal sealed record CountPendingTermsNoticesQuery : IQuery<int>;
