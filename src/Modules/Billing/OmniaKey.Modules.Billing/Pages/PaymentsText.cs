namespace OmniaKey.Modules.Billing.Pages;

/// <summary>The words of the billing page (PaymentsText.resx, .zh-Hans.resx, .zh-Hant.resx beside this file).</summary>
internal sealed class PaymentsText;
