using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;

namespace OmniaKey.UnitTests.WebConsole;

/// <summary>
/// The console's words are complete in every language: each English resource file has a Simplified and a Traditional
/// Chinese twin with exactly its keys and no empty text, and every key a page asks for exists.
/// </summary>
public sealed partial class ConsoleTextResourcesTests
{
    private static readonly string[] Cultures = ["zh-Hans", "zh-Hant"];

    public static TheoryData<string> EnglishResourceFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in ConsoleResxFiles().Where(f => !Cultures.Any(c => f.EndsWith($".{c}.resx", StringComparison.Ordinal))))
        {
            data.Add(Path.GetRelativePath(SourceRoot(), file));
        }

        return data;
    }

    [Fact]
    public void The_shell_and_the_pages_have_resource_files()
    {
        var files = ConsoleResxFiles().Select(Path.GetFileName).ToList();
        Assert.Contains("ConsoleText.resx", files);
        Assert.Contains("RoutingConsoleText.resx", files);
    }

    [Theory]
    [MemberData(nameof(EnglishResourceFiles))]
    public void Every_language_has_exactly_the_english_keys_all_filled_in(string englishFile)
    {
        var english = Read(Path.Combine(SourceRoot(), englishFile));
        Assert.All(english, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{englishFile}: {entry.Key} is empty."));
        foreach (var culture in Cultures)
        {
            var translatedFile = Path.Combine(SourceRoot(), englishFile[..^".resx".Length] + $".{culture}.resx");
            Assert.True(File.Exists(translatedFile), $"{englishFile} has no {culture} twin.");
            var translated = Read(translatedFile);
            Assert.Equal(english.Keys.Order(StringComparer.Ordinal), translated.Keys.Order(StringComparer.Ordinal));
            Assert.All(translated, entry => Assert.False(string.IsNullOrWhiteSpace(entry.Value), $"{translatedFile}: {entry.Key} is empty."));
            Assert.All(english, entry => Assert.Equal(
                Placeholders().Matches(entry.Value).Select(m => m.Value).Order(StringComparer.Ordinal),
                Placeholders().Matches(translated[entry.Key]).Select(m => m.Value).Order(StringComparer.Ordinal)));
        }
    }

    [Fact]
    public void Every_key_a_page_uses_exists_in_its_module_or_the_shell()
    {
        var shellKeys = Read(Path.Combine(SourceRoot(), "WebConsole", "Text", "ConsoleText.resx")).Keys.ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var pages in Directory.GetDirectories(SourceRoot(), "Pages", SearchOption.AllDirectories).Where(d => !d.Contains("/bin/", StringComparison.Ordinal) && !d.Contains("/obj/", StringComparison.Ordinal)))
        {
            var known = Directory.GetFiles(pages, "*.resx", SearchOption.AllDirectories)
                .Where(f => !Cultures.Any(c => f.EndsWith($".{c}.resx", StringComparison.Ordinal)))
                .SelectMany(f => Read(f).Keys)
                .Concat(shellKeys)
                .ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(pages, "*.cs*", SearchOption.AllDirectories))
            {
                foreach (Match use in KeyUse().Matches(File.ReadAllText(file)))
                {
                    if (!known.Contains(use.Groups["key"].Value))
                    {
                        missing.Add($"{Path.GetRelativePath(SourceRoot(), file)}: {use.Groups["key"].Value}");
                    }
                }
            }
        }

        Assert.Empty(missing);
    }

    private static IEnumerable<string> ConsoleResxFiles() =>
        Directory.GetFiles(SourceRoot(), "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal));

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);

    private static string SourceRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "OmniaKey.sln")))
            {
                return Path.Combine(directory.FullName, "src");
            }
        }

        throw new InvalidOperationException($"No OmniaKey.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary><c>T["Key"]</c>, <c>Common["Key", …]</c>, <c>Text["Key"]</c>: a localizer indexed by a dotted literal key.</summary>
    [GeneratedRegex("""\b(?:T|Common|Text)\["(?<key>[A-Za-z]+\.[A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex KeyUse();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholders();
}
