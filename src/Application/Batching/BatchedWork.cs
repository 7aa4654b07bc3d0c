namespace OmniaKey.Application.Batching;

/// <summary>Work done in bounded batches, such as a clean-up job's deletes: short locks however much is due.</summary>
public static class BatchedWork
{
    /// <summary>
    /// Runs <paramref name="batch"/> (which does at most <paramref name="batchSize"/> items and says how many it did)
    /// until one does fewer, or <paramref name="maximumBatches"/> have run (the next run does the rest). Returns the total.
    /// </summary>
    public static async Task<int> RepeatAsync(Func<Task<int>> batch, int batchSize, int maximumBatches)
    {
        var total = 0;
        for (var run = 0; run < maximumBatches; run++)
        {
            var done = await batch().ConfigureAwait(false);
            total += done;
            if (done < batchSize)
            {
                break;
            }
        }

        return total;
    }
}
