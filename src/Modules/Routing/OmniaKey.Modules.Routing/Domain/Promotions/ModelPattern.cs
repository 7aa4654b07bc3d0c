namespace OmniaKey.Modules.Routing.Domain.Promotions;

/// <summary>
/// A glob over model ids: <c>*</c> matches any run of characters (also none), <c>?</c> exactly one, anything else
/// itself (ordinal, so lower-case like the ids). <c>gpt-*</c> matches <c>gpt-4o</c> and <c>gpt-5-mini</c> but not
/// <c>o4-mini</c>; a pattern without wildcards names one model.
/// </summary>
internal static class ModelPattern
{
    /// <summary>Characters a pattern may hold: those of a model id, plus the two wildcards.</summary>
    public const string Syntax = "^[a-z0-9*?][a-z0-9._:/*?-]*$";

    /// <summary>Greedy matching that backtracks only to the last <c>*</c>: at worst pattern × id steps, no allocation.</summary>
    public static bool Matches(string pattern, string id)
    {
        int p = 0, s = 0, star = -1, resume = 0;
        while (s < id.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == id[s]))
            {
                p++;
                s++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = s;
            }
            else if (star >= 0)
            {
                p = star + 1;
                s = ++resume;
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
