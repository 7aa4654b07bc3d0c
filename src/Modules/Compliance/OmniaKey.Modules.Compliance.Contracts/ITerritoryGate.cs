using System.Net;

namespace OmniaKey.Modules.Compliance.Contracts;

/// <summary>
/// The Restricted Territory check of every <c>/v1</c> call, from memory only: no database work per call. Denials and
/// the first allow per account, IP country and UTC day are written to the audit trail in the background.
/// </summary>
public interface ITerritoryGate
{
    /// <summary>Null when the call may go on; otherwise the refusal to answer with (403 in OpenAI's shape).</summary>
    TerritoryDenial? CheckApiCall(IPAddress? clientIp, Guid accountId);
}

/// <summary>A refusal: the error code (<c>unsupported_country_region_territory</c>) and a message for the client.</summary>
public sealed record TerritoryDenial(string Code, string Message);
