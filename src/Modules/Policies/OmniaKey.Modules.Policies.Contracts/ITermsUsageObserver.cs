using System.Net;

namespace OmniaKey.Modules.Policies.Contracts;

/// <summary>
/// Told about every authenticated API call (Terms §11: continued use after a version's effective date is acceptance).
/// Memory only and non-blocking: it records at most one acceptance per account and version per process, written in
/// the background, so the hot path does no database work for it.
/// </summary>
public interface ITermsUsageObserver
{
    void Observe(Guid accountId, IPAddress? clientIp);
}
