namespace OmniaKey.Modules.Keys.Pages;

/// <summary>The words of the keys pages (TokensText.resx, .zh-Hans.resx, .zh-Hant.resx beside this file).</summary>
internal sealed class TokensText;
