using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Keys.Contracts;

/// <summary>
/// Every key of one account as <c>GET /api/v1/keys</c> lists them — never a secret — for the account's data export.
/// Entries are the Keys module's own list shape, serialised as they are.
/// </summary>
public sealed record GetAccountKeysForExportQuery(Guid AccountId) : IQuery<IReadOnlyList<object>>;
