using System.Text.Json.Nodes;
using OmniaKey.Modules.Routing.Infrastructure.Providers.Gemini;
using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Gemini.GeminiTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Gemini;

/// <summary>OpenAI messages → Gemini systemInstruction and contents (docs/providers.md#gemini-messages).</summary>
public sealed class GeminiRequestMessagesTests
{
    [Fact]
    public void System_and_developer_messages_anywhere_become_the_system_instruction()
    {
        var body = TranslateChat("""
            [{"role":"system","content":"You are terse."},
             {"role":"user","content":"Hi"},
             {"role":"developer","content":[{"type":"text","text":"Answer in French."},{"type":"text","text":"No emoji."}]},
             {"role":"user","content":"Again"}]
            """);

        Assert.Equal("""{"parts":[{"text":"You are terse."},{"text":"Answer in French."},{"text":"No emoji."}]}""", Json(body["systemInstruction"]));
        Assert.Equal("""[{"role":"user","parts":[{"text":"Hi"},{"text":"Again"}]}]""", Json(body["contents"]));
    }

    [Fact]
    public void Without_system_messages_there_is_no_system_instruction()
    {
        var body = TranslateChat("""[{"role":"user","content":"Hi"}]""");
        Assert.False(body.ContainsKey("systemInstruction"));
    }

    [Fact]
    public void Multi_turn_conversation_alternates_user_and_model_roles()
    {
        var body = TranslateChat("""
            [{"role":"user","content":"Hi","name":"alice"},
             {"role":"assistant","content":"Hello!"},
             {"role":"user","content":[{"type":"text","text":"How are you?"}]}]
            """);

        Assert.Equal(
            """[{"role":"user","parts":[{"text":"Hi"}]},{"role":"model","parts":[{"text":"Hello!"}]},{"role":"user","parts":[{"text":"How are you?"}]}]""",
            Json(body["contents"]));
    }

    [Fact]
    public void Empty_texts_are_not_sent_because_gemini_rejects_them()
    {
        var body = TranslateChat("""
            [{"role":"user","content":"Hi"},
             {"role":"assistant","content":""},
             {"role":"user","content":"Still there?"}]
            """);

        Assert.Equal("""[{"role":"user","parts":[{"text":"Hi"},{"text":"Still there?"}]}]""", Json(body["contents"]));
    }

    [Fact]
    public void Only_system_messages_are_refused_naming_messages()
    {
        var refusal = Refusal(Chat("""[{"role":"system","content":"You are terse."}]"""));
        Assert.Equal("messages", refusal.Param);
    }

    [Fact]
    public void Data_url_images_become_inline_data_and_detail_is_dropped()
    {
        var body = TranslateChat("""
            [{"role":"user","content":[
                {"type":"text","text":"What is this?"},
                {"type":"image_url","image_url":{"url":"data:image/PNG;base64,iVBORw0KGgo=","detail":"high"}}]}]
            """);

        Assert.Equal(
            """[{"text":"What is this?"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]""",
            Json(body["contents"]![0]!["parts"]));
    }

    [Fact]
    public void Gemini_files_api_uris_become_file_data()
    {
        var body = TranslateChat("""
            [{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://generativelanguage.googleapis.com/v1beta/files/abc123"}}]}]
            """);

        Assert.Equal("""[{"fileData":{"fileUri":"https://generativelanguage.googleapis.com/v1beta/files/abc123"}}]""", Json(body["contents"]![0]!["parts"]));
    }

    [Theory]
    [InlineData("https://example.com/cat.png")]
    [InlineData("http://example.com/cat.png")]
    [InlineData("data:image/png,not-base64")]
    [InlineData("data:;base64,AAAA")]
    public void Urls_gemini_cannot_use_are_refused_naming_the_url(string url)
    {
        var refusal = Refusal(Chat($$$"""
            [{"role":"user","content":[{"type":"text","text":"Look"},{"type":"image_url","image_url":{"url":"{{{url}}}"}}]}]
            """));

        Assert.Equal("messages[0].content[1].image_url.url", refusal.Param);
    }

    [Fact]
    public void Http_image_refusal_says_what_to_send_instead()
    {
        var refusal = Refusal(Chat("""[{"role":"user","content":[{"type":"image_url","image_url":{"url":"https://example.com/a.png"}}]}]"""));
        Assert.Contains("data: URL", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Audio_and_inline_files_become_inline_data()
    {
        var body = TranslateChat("""
            [{"role":"user","content":[
                {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}},
                {"type":"file","file":{"file_data":"data:application/pdf;base64,JVBERi0=","filename":"a.pdf"}}]}]
            """);

        Assert.Equal(
            """[{"inlineData":{"mimeType":"audio/wav","data":"UklGRg=="}},{"inlineData":{"mimeType":"application/pdf","data":"JVBERi0="}}]""",
            Json(body["contents"]![0]!["parts"]));
    }

    [Theory]
    [InlineData("""{"type":"file","file":{"file_id":"file-abc"}}""", "messages[0].content[0].file")]
    [InlineData("""{"type":"video","video":{}}""", "messages[0].content[0].type")]
    [InlineData("""{"type":"input_audio","input_audio":{"data":"AAAA","format":"flac"}}""", "messages[0].content[0].input_audio.format")]
    public void Unsupported_user_parts_are_refused_naming_the_part(string part, string param)
    {
        var refusal = Refusal(Chat($$"""[{"role":"user","content":[{{part}}]}]"""));
        Assert.Equal(param, refusal.Param);
    }

    [Fact]
    public void Unicode_text_is_sent_as_is()
    {
        var request = Chat("""[{"role":"user","content":"Grüße, 世界 <ok> & \"quotes\""}]""");
        var payload = new GeminiAdapter().Translate(request, Flash);
        var raw = System.Text.Encoding.UTF8.GetString(payload.Body);

        Assert.Contains("Grüße, 世界 <ok> &", raw, StringComparison.Ordinal);
        Assert.Equal("Grüße, 世界 <ok> & \"quotes\"", JsonNode.Parse(payload.Body)!["contents"]![0]!["parts"]![0]!["text"]!.GetValue<string>());
    }
}
