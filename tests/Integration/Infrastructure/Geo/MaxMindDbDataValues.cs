namespace OmniaKey.IntegrationTests.Infrastructure.Geo;

/// <summary>The data section: each distinct encoded value once, in first-seen order, with its offset.</summary>
internal sealed class DataValues
{
    private readonly Dictionary<string, int> indexByEncoding = [];
    private readonly List<int> offsets = [];
    private readonly List<byte> section = [];

    public byte[] Section => [.. section];

    public int IndexOf(object value)
    {
        var encoded = MaxMindDbDataEncoder.Encode(value);
        var key = Convert.ToHexString(encoded);
        if (!indexByEncoding.TryGetValue(key, out var index))
        {
            index = offsets.Count;
            indexByEncoding[key] = index;
            offsets.Add(section.Count);
            section.AddRange(encoded);
        }

        return index;
    }

    public int Offset(int index) => offsets[index];
}
