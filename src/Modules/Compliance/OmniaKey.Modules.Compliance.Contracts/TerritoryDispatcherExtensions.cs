using OmniaKey.Application.Messaging;

namespace OmniaKey.Modules.Compliance.Contracts;

public static class TerritoryDispatcherExtensions
{
    /// <summary>
    /// Sends a command that may refuse the caller with <see cref="RestrictedTerritoryException"/>. The refused
    /// command's transaction has rolled back by the time the exception gets here, so the denial is recorded in a
    /// command of its own, and then the exception goes on to become the 403. Never call this from inside another
    /// command: the denial would join (and roll back with) the outer transaction.
    /// </summary>
    public static async Task<TResult> SendRecordingDenial<TResult>(this IDispatcher dispatcher, ICommand<TResult> command, CancellationToken cancellationToken)
    {
        try
        {
            return await dispatcher.Send(command, cancellationToken).ConfigureAwait(false);
        }
        catch (RestrictedTerritoryException denied)
        {
            // Recorded even if the client has gone away: the audit trail must not depend on the caller waiting.
            await dispatcher.Send(new RecordAccessDecisionCommand(denied.Decision), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
