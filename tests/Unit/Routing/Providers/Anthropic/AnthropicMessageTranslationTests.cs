using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>OpenAI messages → Anthropic <c>system</c> and <c>messages</c> (docs/providers.md#anthropic-messages).</summary>
public sealed class AnthropicMessageTranslationTests
{
    [Fact]
    public void System_and_developer_messages_anywhere_become_one_top_level_system_in_order()
    {
        var body = Translate(Body("""
            [{"role":"system","content":"You are terse."},
             {"role":"developer","content":[{"type":"text","text":"Answer in French."},{"type":"text","text":""}]},
             {"role":"user","content":"Hi"},
             {"role":"system","content":"Never mention the weather."}]
            """));

        Assert.Equal("You are terse.\n\nAnswer in French.\n\nNever mention the weather.", body["system"]!.GetValue<string>());
        var message = Assert.Single(body["messages"]!.AsArray())!;
        Assert.Equal("user", message["role"]!.GetValue<string>());
        AssertJson("""[{"type":"text","text":"Hi"}]""", message["content"]!);
    }

    [Fact]
    public void Without_system_messages_there_is_no_system_field()
    {
        Assert.Null(Translate(UserHello())["system"]);
    }

    [Fact]
    public void Multi_turn_keeps_roles_and_order_and_drops_message_names()
    {
        var body = Translate(Body("""
            [{"role":"user","content":"What is 2+2?","name":"alice"},
             {"role":"assistant","content":"4"},
             {"role":"user","content":"And times 3?"}]
            """));

        var messages = body["messages"]!.AsArray();
        Assert.Equal(["user", "assistant", "user"], messages.Select(m => m!["role"]!.GetValue<string>()));
        Assert.Equal(["What is 2+2?", "4", "And times 3?"], messages.Select(m => m!["content"]![0]!["text"]!.GetValue<string>()));
        Assert.DoesNotContain("alice", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Consecutive_messages_of_one_role_merge_into_one_turn()
    {
        var body = Translate(Body("""[{"role":"user","content":"one"},{"role":"user","content":[{"type":"text","text":"two"}]}]"""));

        var message = Assert.Single(body["messages"]!.AsArray())!;
        AssertJson("""[{"type":"text","text":"one"},{"type":"text","text":"two"}]""", message["content"]!);
    }

    [Fact]
    public void Empty_assistant_text_is_not_sent_and_an_empty_assistant_message_leaves_no_turn()
    {
        var body = Translate(Body("""
            [{"role":"user","content":"a"},{"role":"assistant","content":""},{"role":"assistant","content":null},{"role":"user","content":"b"}]
            """));

        var message = Assert.Single(body["messages"]!.AsArray())!;
        Assert.Equal("user", message["role"]!.GetValue<string>());
        Assert.Equal(2, message["content"]!.AsArray().Count);
    }

    [Fact]
    public void Assistant_text_parts_and_refusals_become_text_blocks()
    {
        var body = Translate(Body("""
            [{"role":"user","content":"a"},{"role":"assistant","content":[{"type":"text","text":"Sure."},{"type":"refusal","refusal":"Not that."}]}]
            """));

        AssertJson("""[{"type":"text","text":"Sure."},{"type":"text","text":"Not that."}]""", body["messages"]![1]!["content"]!);
    }

    [Fact]
    public void Assistant_tool_calls_become_tool_use_blocks_with_parsed_input_after_the_text()
    {
        var body = Translate(Body("""
            [{"role":"user","content":"Weather in Paris and Rome?"},
             {"role":"assistant","content":"Checking.","tool_calls":[
                {"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\"location\":\"Paris\",\"days\":[1,2]}"}},
                {"id":"toolu_02","type":"function","function":{"name":"get_time","arguments":""}}]},
             {"role":"tool","tool_call_id":"toolu_01","content":"sunny"},
             {"role":"tool","tool_call_id":"toolu_02","content":"noon"}]
            """));

        var assistant = body["messages"]![1]!["content"]!.AsArray();
        Assert.Equal(3, assistant.Count);
        Assert.Equal("text", assistant[0]!["type"]!.GetValue<string>());
        AssertJson(
            """{"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"location":"Paris","days":[1,2]}}""",
            assistant[1]!);
        AssertJson("""{"type":"tool_use","id":"toolu_02","name":"get_time","input":{}}""", assistant[2]!);
    }

    [Fact]
    public void Tool_messages_of_one_assistant_turn_become_one_user_message_and_a_following_user_text_joins_after_them()
    {
        var body = Translate(Body("""
            [{"role":"user","content":"Weather?"},
             {"role":"assistant","content":null,"tool_calls":[
                {"id":"toolu_01","type":"function","function":{"name":"w","arguments":"{}"}},
                {"id":"toolu_02","type":"function","function":{"name":"w","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"toolu_01","content":"sunny"},
             {"role":"tool","tool_call_id":"toolu_02","content":[{"type":"text","text":"rain"}]},
             {"role":"user","content":"Thanks, summarise."}]
            """));

        var messages = body["messages"]!.AsArray();
        Assert.Equal(3, messages.Count);
        Assert.Equal("assistant", messages[1]!["role"]!.GetValue<string>());
        AssertJson("""[{"type":"tool_use","id":"toolu_01","name":"w","input":{}},{"type":"tool_use","id":"toolu_02","name":"w","input":{}}]""", messages[1]!["content"]!);
        var results = messages[2]!;
        Assert.Equal("user", results["role"]!.GetValue<string>());
        AssertJson(
            """[{"type":"tool_result","tool_use_id":"toolu_01","content":"sunny"},"""
            + """{"type":"tool_result","tool_use_id":"toolu_02","content":[{"type":"text","text":"rain"}]},"""
            + """{"type":"text","text":"Thanks, summarise."}]""",
            results["content"]!);
    }

    [Fact]
    public void An_empty_tool_result_is_sent_without_content()
    {
        var body = Translate(Body("""
            [{"role":"user","content":"x"},
             {"role":"assistant","tool_calls":[{"id":"toolu_01","type":"function","function":{"name":"w","arguments":"{}"}}]},
             {"role":"tool","tool_call_id":"toolu_01","content":""}]
            """));

        AssertJson("""{"type":"tool_result","tool_use_id":"toolu_01"}""", body["messages"]![2]!["content"]![0]!);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\\\"a string\\\"")]
    public void Tool_call_arguments_that_are_not_a_json_object_are_a_400_naming_the_argument(string argumentsInJson)
    {
        var error = TranslationError(Body($$$"""
            [{"role":"user","content":"x"},
             {"role":"assistant","content":"ok"},
             {"role":"user","content":"y"},
             {"role":"assistant","tool_calls":[
                {"id":"toolu_01","type":"function","function":{"name":"w","arguments":"{}"}},
                {"id":"toolu_02","type":"function","function":{"name":"w","arguments":"{{{argumentsInJson}}}"}}]}]
            """));

        Assert.Equal("messages[3].tool_calls[1].function.arguments", error.Param);
    }

    [Theory]
    [InlineData("""[{"role":"user","content":"x"},{"role":"tool","content":"r"}]""", "messages[1].tool_call_id")]
    [InlineData("""[{"role":"user","content":"x"},{"role":"function","name":"f","content":"r"}]""", "messages[1].role")]
    [InlineData("""[{"role":"user","content":""}]""", "messages[0].content")]
    [InlineData("""[{"role":"system","content":"only rules"}]""", "messages")]
    [InlineData("""[{"role":"user","content":"x"},{"role":"assistant","tool_calls":[{"type":"function","function":{"name":"w","arguments":"{}"}}]}]""", "messages[1].tool_calls[0].id")]
    [InlineData("""[{"role":"system","content":[{"type":"image_url","image_url":{"url":"https://x/y.png"}}]},{"role":"user","content":"x"}]""", "messages[0].content[0].type")]
    public void Messages_Claude_cannot_take_are_a_400_naming_the_parameter(string messages, string param)
    {
        Assert.Equal(param, TranslationError(Body(messages)).Param);
    }
}
