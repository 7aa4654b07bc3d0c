using OmniaKey.Modules.Routing.Domain.Promotions;
using Xunit;

namespace OmniaKey.UnitTests.Routing.Promotions;

public sealed class ModelPatternTests
{
    [Theory]
    [InlineData("gpt-*", "gpt-4o", true)]
    [InlineData("gpt-*", "gpt-5-mini", true)]
    [InlineData("gpt-*", "gpt-", true)]
    [InlineData("gpt-*", "o4-mini", false)]
    [InlineData("gpt-*", "chatgpt-4o", false)]
    [InlineData("claude-*", "claude-sonnet-4-5", true)]
    [InlineData("*", "anything/at-all", true)]
    [InlineData("*", "", true)]
    [InlineData("gpt-4o", "gpt-4o", true)]
    [InlineData("gpt-4o", "gpt-4o-mini", false)]
    [InlineData("gpt-4o*", "gpt-4o-mini", true)]
    [InlineData("*-mini", "gpt-4.1-mini", true)]
    [InlineData("*-mini", "o4-mini-high", false)]
    [InlineData("*mini*", "o4-mini-high", true)]
    [InlineData("*-mini", "a-mini-mini", true)]
    [InlineData("gpt-?o", "gpt-4o", true)]
    [InlineData("gpt-?o", "gpt-40o", false)]
    [InlineData("gpt-??", "gpt-5", false)]
    [InlineData("a*b*c", "axxbyyc", true)]
    [InlineData("a*b*c", "axxbyy", false)]
    [InlineData("a*b*c", "abcbc", true)]
    [InlineData("gemini-2.5-*", "gemini-2.5-flash-lite", true)]
    [InlineData("gemini-2.5-*", "gemini-205-flash", false)]
    [InlineData("GPT-*", "gpt-4o", false)]
    public void Globs_match_whole_model_ids(string pattern, string id, bool matches) =>
        Assert.Equal(matches, ModelPattern.Matches(pattern, id));

    [Theory]
    [InlineData("gpt-*", true)]
    [InlineData("*-mini", true)]
    [InlineData("claude-opus-4-?", true)]
    [InlineData("models/gemini-*", true)]
    [InlineData("GPT-*", false)]
    [InlineData("gpt *", false)]
    [InlineData("-gpt", false)]
    [InlineData("gpt-[45]", false)]
    public void The_pattern_syntax_allows_id_characters_and_wildcards_only(string pattern, bool valid) =>
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(pattern, ModelPattern.Syntax));
}
