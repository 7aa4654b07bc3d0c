using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary><c>tools</c>, <c>tool_choice</c> and <c>parallel_tool_calls</c> → Anthropic.</summary>
public sealed class AnthropicToolTranslationTests
{
    private const string WeatherTool = """
        {"type":"function","function":{"name":"get_weather","description":"Current weather","parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}
        """;

    private const string ClockTool = """{"type":"function","function":{"name":"get_time"}}""";

    [Fact]
    public void Function_tools_become_anthropic_tools_with_input_schema_and_parameterless_ones_get_an_empty_object_schema()
    {
        var body = Translate(UserHello($"\"tools\":[{WeatherTool},{ClockTool}]"));

        AssertJson(
            """[{"name":"get_weather","description":"Current weather","input_schema":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}},"""
            + """{"name":"get_time","input_schema":{"type":"object","properties":{}}}]""",
            body["tools"]!);
        Assert.Null(body["tool_choice"]);
    }

    [Fact]
    public void Strict_tools_stay_strict()
    {
        var body = Translate(UserHello("""
            "tools":[{"type":"function","function":{"name":"f","strict":true,"parameters":{"type":"object","properties":{},"additionalProperties":false}}}]
            """));

        Assert.True(body["tools"]![0]!["strict"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("\"auto\"", null, """{"type":"auto"}""")]
    [InlineData("\"none\"", null, """{"type":"none"}""")]
    [InlineData("\"required\"", null, """{"type":"any"}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", null, """{"type":"tool","name":"get_weather"}""")]
    [InlineData(null, "false", """{"type":"auto","disable_parallel_tool_use":true}""")]
    [InlineData("\"required\"", "false", """{"type":"any","disable_parallel_tool_use":true}""")]
    [InlineData("""{"type":"function","function":{"name":"get_weather"}}""", "false", """{"type":"tool","name":"get_weather","disable_parallel_tool_use":true}""")]
    [InlineData("\"none\"", "false", """{"type":"none"}""")]
    [InlineData("\"auto\"", "true", """{"type":"auto"}""")]
    public void Tool_choice_and_parallel_tool_calls_map_to_anthropic_tool_choice(string? choice, string? parallel, string expected)
    {
        var extra = $"\"tools\":[{WeatherTool}]"
            + (choice is null ? "" : $",\"tool_choice\":{choice}")
            + (parallel is null ? "" : $",\"parallel_tool_calls\":{parallel}");

        AssertJson(expected, Translate(UserHello(extra))["tool_choice"]);
    }

    [Fact]
    public void Without_tools_neither_tools_nor_tool_choice_is_sent()
    {
        var body = Translate(UserHello("\"tools\":[],\"tool_choice\":\"none\",\"parallel_tool_calls\":false"));

        Assert.Null(body["tools"]);
        Assert.Null(body["tool_choice"]);
    }

    [Theory]
    [InlineData("\"tools\":[{\"type\":\"custom\",\"custom\":{\"name\":\"x\"}}]", "tools[0].type")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"description\":\"no name\"}}]", "tools[0].function.name")]
    [InlineData("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":\"{}\"}}]", "tools[0].function.parameters")]
    [InlineData("\"tools\":{\"a\":1}", "tools")]
    [InlineData("\"tools\":[" + ClockTool + "],\"tool_choice\":\"sometimes\"", "tool_choice")]
    [InlineData("\"tools\":[" + ClockTool + "],\"tool_choice\":{\"type\":\"allowed_tools\",\"allowed_tools\":{\"mode\":\"auto\",\"tools\":[]}}", "tool_choice")]
    public void Tools_Claude_cannot_take_are_a_400_naming_them(string extra, string param)
    {
        Assert.Equal(param, TranslationError(UserHello(extra)).Param);
    }
}
