using OmniaKey.Modules.Keys.Application.ApiKeys.CreateKey;
using OmniaKey.UnitTests.Support;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

public sealed class CreateKeyCommandValidatorTests
{
    private static readonly CreateKeyCommandValidator Validator = new(TimeProvider.System);

    [Theory]
    [InlineData("laptop")]
    [InlineData("x")]
    public void A_named_key_is_valid(string name) => ValidationAssert.Valid(Validator, new CreateKeyCommand(Guid.NewGuid(), name));

    [Fact]
    public void A_name_of_one_hundred_characters_is_accepted() =>
        ValidationAssert.Valid(Validator, new CreateKeyCommand(Guid.NewGuid(), new string('n', 100)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_key_needs_a_name(string name) =>
        ValidationAssert.Invalid(Validator, new CreateKeyCommand(Guid.NewGuid(), name), nameof(CreateKeyCommand.Name), "NotEmptyValidator");

    [Fact]
    public void A_name_over_one_hundred_characters_is_refused() =>
        ValidationAssert.Invalid(Validator, new CreateKeyCommand(Guid.NewGuid(), new string('n', 101)), nameof(CreateKeyCommand.Name), "MaximumLengthValidator");
}
