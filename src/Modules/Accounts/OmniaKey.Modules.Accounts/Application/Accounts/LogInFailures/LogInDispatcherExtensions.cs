using OmniaKey.Application.Exceptions;
using OmniaKey.Application.Messaging;
using OmniaKey.Modules.Accounts.Application.Accounts.LogIn;
using OmniaKey.Modules.Compliance.Contracts;

namespace OmniaKey.Modules.Accounts.Application.Accounts.LogInFailures;

internal static class LogInDispatcherExtensions
{
    /// <summary>
    /// The one way in to log-in, for the API and the console alike: sends the <see cref="LogInCommand"/> (recording
    /// a Restricted Territory denial), and when the credentials were wrong records the failure in a command of its own
    /// (the failed command's transaction has rolled back by then), then lets the 401 go on. Never call this from
    /// inside another command: the failure would join, and roll back with, the outer transaction.
    /// </summary>
    public static async Task<LogInResult> LogInCountingFailuresAsync(this IDispatcher dispatcher, LogInCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await dispatcher.SendRecordingDenial(command, cancellationToken).ConfigureAwait(false);
        }
        catch (UnauthorizedException failed) when (failed.Code == LogInCommandHandler.InvalidCredentials)
        {
            // Counted even if the client has gone away: an attacker must not dodge the count by hanging up.
            await dispatcher.Send(new RecordLogInFailureCommand(command.Email), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
