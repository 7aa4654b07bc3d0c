namespace OmniaKey.WebConsole.Text;

/// <summary>
/// The shell's words (layout, common buttons, errors by code): <c>IStringLocalizer&lt;ConsoleText&gt;</c> reads
/// ConsoleText.resx (English), ConsoleText.zh-Hans.resx and ConsoleText.zh-Hant.resx beside this file. Each module's
/// pages keep their own words in their own resource files the same way.
/// </summary>
public sealed class ConsoleText;
