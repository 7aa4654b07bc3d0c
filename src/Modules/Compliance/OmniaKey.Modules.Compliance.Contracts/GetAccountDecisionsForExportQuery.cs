using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Compliance.Contracts;

/// <summary>
/// Every Restricted Territory decision recorded about one account, newest first, in the shape of
/// <c>GET /admin/v1/compliance/decisions</c>, for the account's data export.
/// </summary>
public sealed record GetAccountDecisionsForExportQuery(Guid AccountId) : IQuery<IReadOnlyList<object>>;
