namespace OmniaKey.Modules.Routing.Pages;

/// <summary>The words of Routing's console pages (RoutingConsoleText.resx, .zh-Hans.resx, .zh-Hant.resx beside this file).</summary>
internal sealed class RoutingConsoleText;
