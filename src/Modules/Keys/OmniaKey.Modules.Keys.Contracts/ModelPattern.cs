namespace OmniaKey.Modules.Keys.Contracts;

/// <summary>
/// A key's allowed-model entry: a model id or alias, or a glob in which <c>*</c> stands for any run of characters
/// (also none) and <c>?</c> for exactly one. Everything else matches itself, case-sensitively, as model ids do.
/// </summary>
public static class ModelPattern
{
    public static bool Matches(string pattern, string name) => Matches(pattern.AsSpan(), name.AsSpan());

    /// <summary>Iterative glob matching with one back-tracking point: linear in practice, never exponential.</summary>
    private static bool Matches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> name)
    {
        int p = 0, n = 0, star = -1, resume = 0;
        while (n < name.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || (pattern[p] != '*' && pattern[p] == name[n])))
            {
                p++;
                n++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = n;
            }
            else if (star >= 0)
            {
                p = star + 1;
                n = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
