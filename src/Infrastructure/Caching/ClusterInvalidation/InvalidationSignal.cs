namespace OmniaKey.Infrastructure.Caching.ClusterInvalidation;

/// <summary>One signal as sent between instances: who sent it (an instance ignores its own), the topic and the id.</summary>
internal readonly record struct InvalidationSignal(string Origin, string Topic, string Id)
{
    private const char Separator = '\n';

    public string Format() => string.Concat(Origin, "\n", Topic, "\n", Id);

    public static bool TryParse(string payload, out InvalidationSignal signal)
    {
        var first = payload.IndexOf(Separator, StringComparison.Ordinal);
        var second = first < 0 ? -1 : payload.IndexOf(Separator, first + 1);
        signal = second < 0 ? default : new(payload[..first], payload[(first + 1)..second], payload[(second + 1)..]);
        return second >= 0;
    }
}
