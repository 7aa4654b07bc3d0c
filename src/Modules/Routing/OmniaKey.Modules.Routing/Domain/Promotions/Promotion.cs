using OmniaKey.Domain.Primitives;
using OmniaKey.Modules.Routing.Domain.Catalog;
using OmniaKey.Modules.Routing.Domain.Pricing;

namespace OmniaKey.Modules.Routing.Domain.Promotions;

/// <summary>
/// A time-boxed discount on the models of a provider, on the models whose id matches a pattern, or on those that
/// match both. In force from <see cref="StartsAt"/> (inclusive) until <see cref="EndsAt"/> (exclusive).
/// When several promotions are in force for a model the largest discount wins (docs/adr/0007-promotion-pricing.md).
/// </summary>
internal sealed class Promotion : AggregateRoot<Guid>
{
    private Promotion(Guid id, string name, string? provider, string? modelPattern, Discount discount, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset createdAt)
        : base(id)
    {
        Name = name;
        Provider = provider;
        ModelPattern = modelPattern;
        Discount = discount;
        StartsAt = startsAt;
        EndsAt = endsAt;
        CreatedAt = createdAt;
    }

    public string Name { get; private set; }

    /// <summary>Only models of this provider, or any provider when null.</summary>
    public string? Provider { get; private set; }

    /// <summary>Only models whose id matches this glob (<see cref="Promotions.ModelPattern"/>), or any id when null.</summary>
    public string? ModelPattern { get; private set; }

    public Discount Discount { get; private set; }

    public DateTimeOffset StartsAt { get; private set; }

    public DateTimeOffset EndsAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Promotion Create(string name, string? provider, string? modelPattern, Discount discount, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset now)
    {
        var promotion = new Promotion(Guid.CreateVersion7(now), name, null, null, discount, default, default, now.ToUniversalTime());
        promotion.Change(name, provider, modelPattern, discount, startsAt, endsAt);
        return promotion;
    }

    public void Change(string name, string? provider, string? modelPattern, Discount discount, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        CheckRule(new PromotionMustTargetModelsRule(provider, modelPattern));
        CheckRule(new PromotionMustEndAfterItStartsRule(startsAt, endsAt));
        Name = name;
        Provider = provider;
        ModelPattern = modelPattern;
        Discount = discount;

        // Stored in UTC: PostgreSQL's timestamptz accepts only offset zero, and SQLite compares the stored ticks.
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = endsAt.ToUniversalTime();
    }

    public bool IsInForceAt(DateTimeOffset moment) => StartsAt <= moment && moment < EndsAt;

    public bool AppliesTo(CatalogModel model) =>
        (Provider is null || string.Equals(Provider, model.Provider, StringComparison.Ordinal))
        && (ModelPattern is null || Promotions.ModelPattern.Matches(ModelPattern, model.Id));

    public string StatusAt(DateTimeOffset moment) =>
        moment < StartsAt ? "scheduled" : moment < EndsAt ? "active" : "ended";
}

internal sealed class PromotionMustTargetModelsRule(string? provider, string? modelPattern) : IBusinessRule
{
    public string Code => "promotion_without_target";

    public string Message => "A promotion needs a provider, a model pattern, or both.";

    public bool IsBroken() => string.IsNullOrEmpty(provider) && string.IsNullOrEmpty(modelPattern);
}

internal sealed class PromotionMustEndAfterItStartsRule(DateTimeOffset startsAt, DateTimeOffset endsAt) : IBusinessRule
{
    public string Code => "promotion_window_empty";

    public string Message => "A promotion must end after it starts.";

    public bool IsBroken() => endsAt <= startsAt;
}
