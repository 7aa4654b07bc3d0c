using Xunit;
using static OmniaKey.UnitTests.Routing.Providers.Anthropic.AnthropicTestData;

namespace OmniaKey.UnitTests.Routing.Providers.Anthropic;

/// <summary>User content parts → Anthropic text, image and document blocks.</summary>
public sealed class AnthropicContentPartTranslationTests
{
    private static string UserParts(string parts) => Body($$"""[{"role":"user","content":{{parts}}}]""");

    [Fact]
    public void Text_and_a_data_url_image_become_text_and_base64_image_blocks_without_detail()
    {
        var body = Translate(UserParts("""
            [{"type":"text","text":"What is this?"},
             {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo=","detail":"high"}}]
            """));

        AssertJson(
            """[{"type":"text","text":"What is this?"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]""",
            body["messages"]![0]!["content"]!);
    }

    [Theory]
    [InlineData("data:image/jpeg;base64,/9j/4AAQ", "image/jpeg")]
    [InlineData("data:image/jpg;base64,/9j/4AAQ", "image/jpeg")]
    [InlineData("data:image/GIF;base64,R0lGOD", "image/gif")]
    [InlineData("data:image/webp;base64,UklGR", "image/webp")]
    public void Supported_image_types_are_sent_with_their_media_type(string url, string mediaType)
    {
        var body = Translate(UserParts($$$"""[{"type":"image_url","image_url":{"url":"{{{url}}}"}}]"""));

        Assert.Equal(mediaType, body["messages"]![0]!["content"]![0]!["source"]!["media_type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("https://example.com/cat.png")]
    [InlineData("http://example.com/cat.jpg")]
    public void Http_image_urls_become_url_sources(string url)
    {
        var body = Translate(UserParts($$$"""[{"type":"image_url","image_url":{"url":"{{{url}}}"}}]"""));

        AssertJson($$$"""{"type":"image","source":{"type":"url","url":"{{{url}}}"}}""", body["messages"]![0]!["content"]![0]!);
    }

    [Fact]
    public void A_pdf_file_part_becomes_a_base64_document()
    {
        var body = Translate(UserParts("""[{"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0x"}}]"""));

        AssertJson(
            """{"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERi0x"}}""",
            body["messages"]![0]!["content"]![0]!);
    }

    [Theory]
    [InlineData("""[{"type":"image_url","image_url":{"url":"data:image/bmp;base64,Qk0="}}]""", "messages[0].content[0].image_url.url")]
    [InlineData("""[{"type":"image_url","image_url":{"url":"data:image/png,rawbytes"}}]""", "messages[0].content[0].image_url.url")]
    [InlineData("""[{"type":"text","text":"x"},{"type":"image_url","image_url":{"url":"ftp://example.com/a.png"}}]""", "messages[0].content[1].image_url.url")]
    [InlineData("""[{"type":"image_url","image_url":{}}]""", "messages[0].content[0].image_url.url")]
    [InlineData("""[{"type":"input_audio","input_audio":{"data":"UklGR","format":"wav"}}]""", "messages[0].content[0].type")]
    [InlineData("""[{"type":"file","file":{"file_id":"file-abc"}}]""", "messages[0].content[0].file")]
    [InlineData("""[{"type":"file","file":{"file_data":"data:text/plain;base64,aGk="}}]""", "messages[0].content[0].file")]
    public void Parts_Claude_cannot_take_are_a_400_naming_the_part(string parts, string param)
    {
        Assert.Equal(param, TranslationError(UserParts(parts)).Param);
    }
}
