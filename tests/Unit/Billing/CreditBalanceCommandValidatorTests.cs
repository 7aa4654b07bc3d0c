using OmniaKey.Modules.Billing.Application.Balances.CreditBalance;
using OmniaKey.Modules.Billing.Contracts;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

public sealed class CreditBalanceCommandValidatorTests
{
    private static readonly CreditBalanceCommandValidator Validator = new();

    private static readonly CreditBalanceCommand Good = new(Guid.NewGuid(), "12.5", "welcome credit", "credit-1");

    [Theory]
    [InlineData("12.5")]
    [InlineData("100")]
    [InlineData("0.000000001")]
    [InlineData("9223372036.854775807")]
    public void A_positive_amount_with_up_to_nine_decimals_is_valid(string amount) =>
        ValidationAssert.Valid(Validator, Good with { AmountUsd = amount });

    [Fact]
    public void The_idempotency_key_is_optional() => ValidationAssert.Valid(Validator, Good with { IdempotencyKey = null });

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("0.000000000")]
    [InlineData("-1")]
    [InlineData("1.0000000001")]
    [InlineData("1e3")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("1,000")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("9223372037")]
    [InlineData("ten")]
    public void An_amount_that_is_not_a_positive_exact_decimal_is_refused(string amount)
    {
        var error = ValidationAssert.Invalid(Validator, Good with { AmountUsd = amount }, nameof(CreditBalanceCommand.AmountUsd), "PredicateValidator");
        Assert.Contains("positive decimal string", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_credit_needs_a_reason() =>
        ValidationAssert.Invalid(Validator, Good with { Reason = "" }, nameof(CreditBalanceCommand.Reason), "NotEmptyValidator");

    [Fact]
    public void A_reason_over_500_characters_is_refused() =>
        ValidationAssert.Invalid(Validator, Good with { Reason = new string('r', 501) }, nameof(CreditBalanceCommand.Reason), "MaximumLengthValidator");

    [Fact]
    public void An_idempotency_key_over_200_characters_is_refused() =>
        ValidationAssert.Invalid(Validator, Good with { IdempotencyKey = new string('k', 201) }, nameof(CreditBalanceCommand.IdempotencyKey), "MaximumLengthValidator");
}
