using FluentValidation;
using FluentValidation.Results;
using Xunit;

namespace OmniaKey.UnitTests.Support;

/// <summary>
/// Asserts what a validator reports: the field (the C# property; the pipeline turns it into snake_case) and the
/// reason (FluentValidation's stable error code, plus our message where we wrote one).
/// </summary>
internal static class ValidationAssert
{
    public static void Valid<T>(IValidator<T> validator, T instance)
    {
        var result = validator.Validate(instance);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(Describe)));
    }

    /// <summary>Only <paramref name="property"/> is invalid, and one of its errors has <paramref name="errorCode"/>.</summary>
    public static ValidationFailure Invalid<T>(IValidator<T> validator, T instance, string property, string errorCode)
    {
        var result = validator.Validate(instance);
        Assert.False(result.IsValid, $"{property} should have been refused");
        Assert.All(result.Errors, e => Assert.Equal(property, e.PropertyName));
        var error = result.Errors.FirstOrDefault(e => e.ErrorCode == errorCode);
        Assert.True(error is not null, $"expected {errorCode} on {property}, got: {string.Join("; ", result.Errors.Select(Describe))}");
        return error!;
    }

    private static string Describe(ValidationFailure e) => $"{e.PropertyName} {e.ErrorCode}: {e.ErrorMessage}";
}
