using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("OmniaKey.IntegrationTests.Infrastructure.IntegrationTestFramework", "OmniaKey.IntegrationTests")]

namespace OmniaKey.IntegrationTests.Infrastructure;

/// <summary>
/// xunit 2's test framework plus what xunit 2 lacks, an end-of-run hook (an assembly fixture): when the runner is
/// done with this assembly, the <see cref="ThrowawayPostgres"/> server, if one was started, is stopped and removed.
/// This runs before <c>dotnet test</c> ends; a process-exit handler would not, as VSTest kills the test host.
/// </summary>
public sealed class IntegrationTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink), IDisposable
{
    // Re-implemented: the base Dispose is not virtual, and it defers its work past the runner's return.
    void IDisposable.Dispose()
    {
        ThrowawayPostgres.Remove();
        base.Dispose();
    }
}
