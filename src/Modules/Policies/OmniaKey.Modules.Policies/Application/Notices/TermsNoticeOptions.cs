namespace OmniaKey.Modules.Policies.Application.Notices;

/// <summary>
/// <c>Policies:Notices:BatchSize</c> (messages per SMTP connection, default 50), <c>:PageSize</c> (accounts read per
/// page when the notices are created, default 500), <c>:LeaseSeconds</c> (how long a worker holds the notices it is
/// sending, default 600), <c>:MaxAttempts</c> (failed sends of one notice before it is left for an operator, default 8).
/// </summary>
internal sealed record TermsNoticeOptions(int BatchSize = 50, int PageSize = 500, int LeaseSeconds = 600, int MaxAttempts = 8);
