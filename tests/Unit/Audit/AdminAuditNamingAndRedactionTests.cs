using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing.Patterns;
using OmniaKey.Infrastructure.Audit;
using Xunit;

namespace OmniaKey.UnitTests.Audit;

public sealed class AdminAuditNamingAndRedactionTests
{
    [Theory]
    [InlineData("POST", "/admin/v1/accounts/", "accounts.create", "account", null)]
    [InlineData("POST", "/admin/v1/accounts/{id:guid}/suspend", "accounts.suspend", "account", "id")]
    [InlineData("POST", "/admin/v1/accounts/{accountId:guid}/keys/{keyId:guid}/revoke", "accounts.keys.revoke", "key", "keyId")]
    [InlineData("POST", "/admin/v1/accounts/{accountId:guid}/promotional-credits/", "accounts.promotional-credits", "account", "accountId")]
    [InlineData("PATCH", "/admin/v1/channels/{id:guid}", "channels.update", "channel", "id")]
    [InlineData("DELETE", "/admin/v1/channels/{id:guid}", "channels.delete", "channel", "id")]
    [InlineData("POST", "/admin/v1/terms/", "terms.create", "terms", null)]
    [InlineData("POST", "/admin/v1/compliance/reviews/{id:guid}/resolve", "compliance.reviews.resolve", "review", "id")]
    [InlineData("POST", "/admin/v1/policies/{id}/x", "policies.x", "policy", "id")]
    public void Actions_and_targets_are_named_from_the_route(string method, string route, string action, string targetType, string? parameter)
    {
        Assert.Equal((action, targetType, parameter), AdminActionName.From(RoutePatternFactory.Parse(route), method));
    }

    [Fact]
    public void Secrets_are_redacted_at_any_depth_and_ordinary_fields_are_kept()
    {
        var json = AuditRedaction.ToJson(new
        {
            Name = "eu",
            Credential = "sk-ant-secret",
            NewPassword = "hunter2",
            Nested = new { AccessToken = "tok", ApiKey = "k", Key = "sk-omk-x", MaxOutputTokens = 5, IdempotencyKey = "idem" },
            Items = new[] { new { WebhookSecret = "whsec" } },
            Empty = new { Credential = (string?)null },
        });
        var node = JsonNode.Parse(json!)!;

        Assert.Equal("eu", node["name"]!.GetValue<string>());
        Assert.Equal(AuditRedaction.Redacted, node["credential"]!.GetValue<string>());
        Assert.Equal(AuditRedaction.Redacted, node["new_password"]!.GetValue<string>());
        Assert.Equal(AuditRedaction.Redacted, node["nested"]!["access_token"]!.GetValue<string>());
        Assert.Equal(AuditRedaction.Redacted, node["nested"]!["api_key"]!.GetValue<string>());
        Assert.Equal(AuditRedaction.Redacted, node["nested"]!["key"]!.GetValue<string>());
        Assert.Equal(5, node["nested"]!["max_output_tokens"]!.GetValue<int>());
        Assert.Equal("idem", node["nested"]!["idempotency_key"]!.GetValue<string>());
        Assert.Equal(AuditRedaction.Redacted, node["items"]![0]!["webhook_secret"]!.GetValue<string>());
        Assert.Null(node["empty"]!["credential"]);
    }

    [Fact]
    public void Long_values_are_cut_and_marked()
    {
        var json = AuditRedaction.ToJson(new { Text = new string('x', 10_000) })!;

        Assert.True(json.Length < 8_100);
        Assert.Contains("(truncated)", json, StringComparison.Ordinal);
    }
}
