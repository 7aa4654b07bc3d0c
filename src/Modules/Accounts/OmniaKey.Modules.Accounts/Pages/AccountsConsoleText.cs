namespace OmniaKey.Modules.Accounts.Pages;

/// <summary>The words of Accounts' console pages (AccountsConsoleText.resx, .zh-Hans.resx, .zh-Hant.resx beside this file).</summary>
internal sealed class AccountsConsoleText;
