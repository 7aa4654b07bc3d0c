using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Gemini.GeminiTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>Tools, tool_choice, assistant tool calls and tool results → Gemini (docs/providers.md#gemini-tools).</summary>
public sealed class GeminiRequestToolTests
{
    private const string Weather = """{"type":"function","function":{"name":"get_weather","description":"Weather now","parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false},"strict":true}}""";
    private const string Time = """{"type":"function","function":{"name":"get_time"}}""";

    [Fact]
    public void Function_tools_become_one_declarations_list_with_json_schema_parameters()
    {
        var body = TranslateChat("""[{"role":"user","content":"Hi"}]""", $$"""
            "tools":[{{Weather}},{{Time}}],"parallel_tool_calls":false,"user":"u-1"
            """);

        Assert.Equal(
            """[{"functionDeclarations":[{"name":"get_weather","description":"Weather now","parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],"additionalProperties":false}},{"name":"get_time"}]}]""",
            Json(body["tools"]));
        Assert.False(body.ContainsKey("toolConfig"));
        Assert.DoesNotContain(body, p => p.Key is "user" or "parallel_tool_calls");
    }

    [Theory]
    [InlineData("\"auto\"", """{"functionCallingConfig":{"mode":"AUTO"}}""")]
    [InlineData("\"none\"", """{"functionCallingConfig":{"mode":"NONE"}}""")]
    [InlineData("\"required\"", """{"functionCallingConfig":{"mode":"ANY"}}""")]
    [InlineData("""{"type":"function","function":{"name":"get_time"}}""", """{"functionCallingConfig":{"mode":"ANY","allowedFunctionNames":["get_time"]}}""")]
    public void Tool_choice_maps_to_the_function_calling_mode(string choice, string expected)
    {
        var body = TranslateChat("""[{"role":"user","content":"Hi"}]""", $$"""
            "tools":[{{Weather}},{{Time}}],"tool_choice":{{choice}}
            """);

        Assert.Equal(expected, Json(body["toolConfig"]));
    }

    [Theory]
    [InlineData("""[{"type":"custom","custom":{"name":"x"}}]""", null, "tools[0].type")]
    [InlineData("""[{"type":"function","function":{}}]""", null, "tools[0].function.name")]
    [InlineData(Time, "\"sometimes\"", "tool_choice")]
    [InlineData(Time, """{"type":"allowed_tools","allowed_tools":{"mode":"auto","tools":[]}}""", "tool_choice")]
    public void Tools_gemini_cannot_express_are_refused(string tools, string? choice, string param)
    {
        var toolsJson = tools.StartsWith('[') ? tools : $"[{tools}]";
        var extra = $"\"tools\":{toolsJson}" + (choice is null ? "" : $",\"tool_choice\":{choice}");
        Assert.Equal(param, Refusal(Chat("""[{"role":"user","content":"Hi"}]""", extra)).Param);
    }

    [Fact]
    public void Assistant_tool_calls_and_their_results_round_trip_with_names_and_wrapped_results()
    {
        var body = TranslateChat("""
            [{"role":"user","content":"Weather in Paris and the time?"},
             {"role":"assistant","content":"Checking.","tool_calls":[
                {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]},
             {"role":"tool","tool_call_id":"call_a","content":"sunny, 24°C"},
             {"role":"tool","tool_call_id":"call_b","content":[{"type":"text","text":"12:"},{"type":"text","text":"00"}]},
             {"role":"user","content":"Thanks"}]
            """);

        Assert.Equal(
            """
            [{"role":"user","parts":[{"text":"Weather in Paris and the time?"}]},{"role":"model","parts":[{"text":"Checking."},{"functionCall":{"name":"get_weather","args":{"city":"Paris"}}},{"functionCall":{"name":"get_time","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"get_weather","response":{"result":"sunny, 24°C"}}},{"functionResponse":{"name":"get_time","response":{"result":"12:00"}}},{"text":"Thanks"}]}]
            """.Trim(),
            Json(body["contents"]));
    }

    [Fact]
    public void A_thought_signature_carried_in_the_call_id_is_sent_back_on_its_call_only()
    {
        var body = TranslateChat("""
            [{"role":"user","content":"Two cities"},
             {"role":"assistant","content":null,"tool_calls":[
                {"id":"call_0123456789abcdef01234567__thought__CiQBjz1rX+/sig==","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}},
                {"id":"call_89abcdef0123456789abcdef","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Rome\"}"}}]},
             {"role":"tool","tool_call_id":"call_0123456789abcdef01234567__thought__CiQBjz1rX+/sig==","content":"sunny"},
             {"role":"tool","tool_call_id":"call_89abcdef0123456789abcdef","content":"rain"}]
            """);

        var parts = body["contents"]![1]!["parts"]!.AsArray();
        Assert.Equal("""{"functionCall":{"name":"get_weather","args":{"city":"Paris"}},"thoughtSignature":"CiQBjz1rX+/sig=="}""", Json(parts[0]));
        Assert.Equal("""{"functionCall":{"name":"get_weather","args":{"city":"Rome"}}}""", Json(parts[1]));
        Assert.Equal(2, body["contents"]![2]!["parts"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("{\\\"city\\\":", "not valid JSON")]
    [InlineData("[1,2]", "JSON object")]
    [InlineData("42", "JSON object")]
    public void Invalid_tool_call_arguments_are_refused_naming_the_arguments(string arguments, string reason)
    {
        var refusal = Refusal(Chat($$$"""
            [{"role":"user","content":"Hi"},
             {"role":"assistant","tool_calls":[
                {"id":"call_ok","type":"function","function":{"name":"get_time","arguments":"{}"}},
                {"id":"call_bad","type":"function","function":{"name":"get_weather","arguments":"{{{arguments}}}"}}]}]
            """));

        Assert.Equal("messages[1].tool_calls[1].function.arguments", refusal.Param);
        Assert.Contains(reason, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tool_result_for_an_unknown_call_is_refused_naming_its_tool_call_id()
    {
        var refusal = Refusal(Chat("""
            [{"role":"user","content":"Hi"},
             {"role":"assistant","tool_calls":[{"id":"call_a","type":"function","function":{"name":"get_time","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"call_zzz","content":"12:00"}]
            """));

        Assert.Equal("messages[2].tool_call_id", refusal.Param);
    }

    [Fact]
    public void Deprecated_function_call_and_function_role_are_translated_by_name()
    {
        var body = TranslateChat("""
            [{"role":"user","content":"Time?"},
             {"role":"assistant","content":null,"function_call":{"name":"get_time","arguments":"{}"}},
             {"role":"function","name":"get_time","content":"12:00"}]
            """);

        Assert.Equal(
            """[{"role":"user","parts":[{"text":"Time?"}]},{"role":"model","parts":[{"functionCall":{"name":"get_time","args":{}}}]},{"role":"user","parts":[{"functionResponse":{"name":"get_time","response":{"result":"12:00"}}}]}]""",
            Json(body["contents"]));
    }
}
