using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OmniaKey.Modules.Compliance.Application.Decisions;
using OmniaKey.Modules.Compliance.Contracts;
using OmniaKey.Modules.Compliance.Domain.Territory;
using OmniaKey.Modules.Compliance.Infrastructure.ApiGate;
using OmniaKey.Modules.Compliance.Infrastructure.Geo;
using Xunit;

namespace OmniaKey.UnitTests.Compliance;

/// <summary>
/// Terms §2: mainland China is the Restricted Territory; Hong Kong SAR, Macao SAR and Taiwan are not. This guards that
/// no rule and no signal — declared country, IP country, card country — on any surface ever refuses them.
/// </summary>
public sealed class RestrictedTerritoryTests
{
    private static readonly string[] Surfaces = [AccessSurfaces.SignUp, AccessSurfaces.LogIn, AccessSurfaces.Checkout];

    private static readonly string[] Countries = ["HK", "MO", "TW", "hk", " mo ", "Tw", "CN", "cn", "US", "DE"];

    public static TheoryData<string> NotRestricted => new() { "HK", "MO", "TW", "hk", "mo", "tw" };

    [Theory]
    [MemberData(nameof(NotRestricted))]
    public void Hong_Kong_Macao_and_Taiwan_are_never_restricted_by_any_signal_on_any_surface(string country)
    {
        Assert.False(RestrictedTerritory.Contains(country));
        var evaluator = EvaluatorWith(("198.51.100.0/24", country.ToUpperInvariant()));

        foreach (var surface in Surfaces)
        {
            // By the IP alone, by the declaration alone, and by both.
            Assert.Equal(AccessOutcomes.Allow, evaluator.Evaluate(surface, "198.51.100.7", null, null).Outcome);
            Assert.Equal(AccessOutcomes.Allow, evaluator.Evaluate(surface, (string?)null, country, null).Outcome);
            Assert.Equal(AccessOutcomes.Allow, evaluator.Evaluate(surface, "198.51.100.7", country, null).Outcome);
        }

        Assert.Equal(AccessOutcomes.Allow, AccessEvaluator.EvaluateCard(Guid.NewGuid(), country, "pi_1").Outcome);
        Assert.Null(Gate(evaluator).CheckApiCall(IPAddress.Parse("198.51.100.7"), Guid.NewGuid()));
    }

    [Fact]
    public void Only_CN_is_restricted_across_every_combination_of_signals()
    {
        var evaluator = EvaluatorWith(("203.0.113.0/24", "CN"), ("198.51.100.0/24", "HK"));
        foreach (var surface in Surfaces)
        {
            foreach (var declared in Countries.Append(null))
            {
                foreach (var ip in new[] { "203.0.113.5", "198.51.100.5", "100.64.0.1", null })
                {
                    var decision = evaluator.Evaluate(surface, ip, declared, null);
                    var restricted = declared?.Trim().ToUpperInvariant() == "CN" || ip == "203.0.113.5";
                    Assert.Equal(restricted ? AccessOutcomes.Deny : AccessOutcomes.Allow, decision.Outcome);
                    Assert.Equal(restricted, decision.Country == "CN");
                }
            }
        }
    }

    [Fact]
    public void The_declared_country_decides_before_the_IP_and_the_evidence_keeps_both()
    {
        var evaluator = EvaluatorWith(("203.0.113.0/24", "CN"), ("192.0.2.0/24", "DE"));

        var declared = evaluator.Evaluate(AccessSurfaces.SignUp, "192.0.2.1", "cn", null);
        Assert.Equal((AccessOutcomes.Deny, "CN", AccessSignals.DeclaredCountry), (declared.Outcome, declared.Country, declared.Signal));
        Assert.Equal(("192.0.2.1", "DE", "CN"), (declared.Ip, declared.IpCountry, declared.DeclaredCountry));

        var byIp = evaluator.Evaluate(AccessSurfaces.SignUp, "203.0.113.1", "HK", null);
        Assert.Equal((AccessOutcomes.Deny, "CN", AccessSignals.IpCountry), (byIp.Outcome, byIp.Country, byIp.Signal));

        var allowed = evaluator.Evaluate(AccessSurfaces.SignUp, "192.0.2.1", "HK", null);
        Assert.Equal((AccessOutcomes.Allow, "DE", AccessSignals.IpCountry), (allowed.Outcome, allowed.Country, allowed.Signal));
    }

    [Fact]
    public void An_unknown_IP_decides_nothing_and_the_other_signals_decide()
    {
        var evaluator = EvaluatorWith();

        var unknown = evaluator.Evaluate(AccessSurfaces.LogIn, "100.64.0.1", null, null);
        Assert.Equal((AccessOutcomes.Allow, null, null, null), (unknown.Outcome, unknown.Country, unknown.Signal, unknown.IpCountry));
        Assert.Equal(AccessOutcomes.Deny, evaluator.Evaluate(AccessSurfaces.SignUp, "100.64.0.1", "CN", null).Outcome);
        Assert.Equal(AccessOutcomes.Allow, evaluator.Evaluate(AccessSurfaces.SignUp, "not an ip", "US", null).Outcome);
    }

    [Fact]
    public void A_CN_card_is_sent_to_review_never_denied()
    {
        var decision = AccessEvaluator.EvaluateCard(Guid.NewGuid(), "cn", "pi_42");

        Assert.Equal((AccessSurfaces.Payment, AccessOutcomes.Review, "CN", AccessSignals.CardCountry, "CN", "pi_42"),
            (decision.Surface, decision.Outcome, decision.Country, decision.Signal, decision.CardCountry, decision.PaymentId));
    }

    internal static AccessEvaluator EvaluatorWith(params (string Cidr, string Country)[] ranges) =>
        new(new IpCountryResolver(new IpCountryOverrides(ranges.Select(r => $"{r.Cidr}={r.Country}")), new NoDatabase()));

    private static TerritoryGate Gate(AccessEvaluator evaluator) =>
        new(evaluator, new DecisionAuditQueue(NullLogger<DecisionAuditQueue>.Instance), new FakeTimeProvider());

    private sealed class NoDatabase : IIpCountryDatabase
    {
        public string? FindCountry(IPAddress address) => null;
    }
}
