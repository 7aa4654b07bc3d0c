using Xunit;

namespace OmniaKey.UnitTests.Support;

internal static class Served
{
    /// <summary>The value of a read that answered without waiting; fails the test if the read waits (for a load).</summary>
    public static T AtOnce<T>(ValueTask<T> read)
    {
        Assert.True(read.IsCompletedSuccessfully, "The read waited instead of answering at once.");
        return read.Result;
    }
}
