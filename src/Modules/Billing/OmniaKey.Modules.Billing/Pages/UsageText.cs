namespace OmniaKey.Modules.Billing.Pages;

/// <summary>The words of <c>/dashboard</c> and <c>/dashboard/usage</c> (<c>UsageText*.resx</c> beside this file).</summary>
internal sealed class UsageText;
