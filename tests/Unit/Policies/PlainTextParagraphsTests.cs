using OmniaKey.Modules.Policies.Pages;
using Xunit;

namespace OmniaKey.UnitTests.Policies;

/// <summary>The Terms page's paragraphs: blank lines separate paragraphs, single line breaks stay within one.</summary>
public sealed class PlainTextParagraphsTests
{
    [Fact]
    public void Splits_on_blank_lines_and_keeps_line_breaks_inside_a_paragraph()
    {
        var paragraphs = PlainTextParagraphs.Split("Title\r\n\r\n1. First\nline two  \n \n\n\nLast");

        Assert.Equal(3, paragraphs.Count);
        Assert.Equal(["Title"], paragraphs[0]);
        Assert.Equal(["1. First", "line two"], paragraphs[1]);
        Assert.Equal(["Last"], paragraphs[2]);
    }

    [Fact]
    public void Empty_text_has_no_paragraphs() => Assert.Empty(PlainTextParagraphs.Split("\n \n"));
}
