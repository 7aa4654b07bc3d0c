namespace OmniaKey.Modules.Policies.Pages;

/// <summary>The words of Policies' console pages (PoliciesConsoleText.resx, .zh-Hans.resx, .zh-Hant.resx beside this file).</summary>
internal sealed class PoliciesConsoleText;
