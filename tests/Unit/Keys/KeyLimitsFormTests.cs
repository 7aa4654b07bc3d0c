using OmniaKey.Application.Exceptions;
using OmniaKey.Modules.Keys.Application.ApiKeys;
using OmniaKey.Modules.Keys.Pages;
using Xunit;

namespace OmniaKey.UnitTests.Keys;

/// <summary>
/// The console's key form becomes the API's patch (docs/adr/0043): creating, an empty box is no limit; editing, a box
/// left as it was is absent, an emptied box is null (cleared) and anything else is the new value.
/// </summary>
public sealed class KeyLimitsFormTests
{
    private static readonly ApiKeyDto Limited = new(
        Guid.NewGuid(), "ci", "sk-omk-AbC12x", "9fQz", "active", DateTimeOffset.UtcNow, null,
        new DateTimeOffset(2020, 1, 31, 12, 30, 45, TimeSpan.Zero), null, "0",
        ["claude-*", "gpt-4o"], ["203.0.113.0/24"], 60, 100_000, 4, "25", "month", "3.5");

    [Fact]
    public void A_new_key_gets_only_the_limits_filled_in()
    {
        var form = new KeyLimitsForm
        {
            Name = "ci",
            ExpiresAt = "2027-01-31T00:00",
            SpendLimitUsd = "12.5",
            SpendLimitPeriod = "day",
            AllowedModels = "claude-*\r\n gpt-4o \n\ngpt-4o",
            RpmLimit = "60",
            TpmLimit = "",
            MaxConcurrentRequests = "  ",
        };

        var limits = form.ToNewKeyLimits();

        Assert.Equal(Optional<DateTimeOffset?>.Of(new DateTimeOffset(2027, 1, 31, 0, 0, 0, TimeSpan.Zero)), limits.ExpiresAt);
        Assert.Equal(12_500_000_000L, limits.SpendLimitNanoUsd.Value);
        Assert.Equal(Optional<string?>.Of("day"), limits.SpendLimitPeriod);
        Assert.Equal(["claude-*", "gpt-4o"], limits.AllowedModels.Value!);
        Assert.Equal(Optional<int?>.Of(60), limits.RpmLimit);
        Assert.False(limits.AllowedIps.IsSet);
        Assert.False(limits.TpmLimit.IsSet);
        Assert.False(limits.MaxConcurrentRequests.IsSet);
    }

    [Fact]
    public void A_period_without_an_amount_is_ignored_not_refused()
    {
        var limits = new KeyLimitsForm { Name = "ci", SpendLimitPeriod = "total" }.ToNewKeyLimits();

        Assert.False(limits.SpendLimitNanoUsd.IsSet);
        Assert.False(limits.SpendLimitPeriod.IsSet);
    }

    [Fact]
    public void An_untouched_edit_form_changes_nothing_not_even_a_past_expiry_shown_to_the_minute()
    {
        var (name, limits) = KeyLimitsForm.From(Limited).ToChanges(Limited);

        Assert.False(name.IsSet);
        Assert.Equal(KeyLimitsPatch.None, limits);
    }

    [Fact]
    public void Emptied_boxes_clear_their_limit_and_changed_ones_set_it()
    {
        var form = KeyLimitsForm.From(Limited);
        form.Name = " renamed ";
        form.AllowedModels = "";
        form.RpmLimit = "";
        form.SpendLimitUsd = "";
        form.AllowedIps = "203.0.113.0/24, 198.51.100.7";
        form.TpmLimit = "5000";

        var (name, limits) = form.ToChanges(Limited);

        Assert.Equal(Optional<string?>.Of("renamed"), name);
        Assert.Equal(Optional<IReadOnlyList<string>?>.Of(null), limits.AllowedModels);
        Assert.Equal(Optional<int?>.Of(null), limits.RpmLimit);
        Assert.Equal(Optional<long?>.Of(null), limits.SpendLimitNanoUsd);
        Assert.False(limits.SpendLimitPeriod.IsSet);
        Assert.Equal(["203.0.113.0/24", "198.51.100.7"], limits.AllowedIps.Value!);
        Assert.Equal(Optional<long?>.Of(5000), limits.TpmLimit);
        Assert.False(limits.ExpiresAt.IsSet);
        Assert.False(limits.MaxConcurrentRequests.IsSet);
    }

    [Fact]
    public void Changing_only_the_period_keeps_the_amount()
    {
        var form = KeyLimitsForm.From(Limited);
        form.SpendLimitPeriod = "day";

        var (_, limits) = form.ToChanges(Limited);

        Assert.False(limits.SpendLimitNanoUsd.IsSet);
        Assert.Equal(Optional<string?>.Of("day"), limits.SpendLimitPeriod);
    }

    [Fact]
    public void Unreadable_boxes_are_refused_all_at_once_by_the_apis_field_names()
    {
        var form = new KeyLimitsForm { Name = "ci", ExpiresAt = "soon", SpendLimitUsd = "1e3", RpmLimit = "sixty", MaxConcurrentRequests = "2.5" };

        var error = Assert.Throws<RequestValidationException>(form.ToNewKeyLimits);

        Assert.Equal(["expires_at", "max_concurrent_requests", "rpm_limit", "spend_limit_usd"], error.Errors.Select(e => e.Field).Order(StringComparer.Ordinal));
    }
}
