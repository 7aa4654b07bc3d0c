using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OmniaKey.Domain.Money;
using OmniaKey.IntegrationTests.Infrastructure;
using OmniaKey.Modules.Billing.Domain.Usage;
using Xunit;

namespace OmniaKey.IntegrationTests.Billing;

/// <summary>
/// <c>GET /api/v1/usage</c> (paged newest first, filtered by key, model and time) and
/// <c>GET /api/v1/usage/export.csv</c>, for the customer and per account for operators.
/// </summary>
public abstract class UsageViewTests<TFixture>(TFixture fixture) : BillingTestBase<TFixture>(fixture)
    where TFixture : BillingFixture
{
    private static readonly DateTimeOffset Noon = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid KeyA = Guid.NewGuid();
    private static readonly Guid KeyB = Guid.NewGuid();

    [Fact]
    public async Task Usage_pages_newest_first_and_the_cursor_reaches_every_record_once()
    {
        // Two records share a timestamp: the id breaks the tie, so paging neither skips nor repeats one.
        await AddAsync(Record("req_1", Noon.AddMinutes(1)), Record("req_2", Noon.AddMinutes(2)), Record("req_3a", Noon.AddMinutes(3)),
            Record("req_3b", Noon.AddMinutes(3)), Record("req_4", Noon.AddMinutes(4)));

        using var first = await Customer.GetAsync("/api/v1/usage?limit=2");
        await first.AssertStatusAsync(HttpStatusCode.OK);
        var page = await first.ReadJsonNodeAsync();
        Assert.Equal(["req_4", "req_3b"], Ids(page["data"]!.AsArray()));
        Assert.NotNull(page["next_cursor"]?.GetValue<string>());

        var all = await AllAsync(Customer, "/api/v1/usage");
        Assert.Equal(["req_4", "req_3b", "req_3a", "req_2", "req_1"], Ids(all));

        var viaAdmin = await AllAsync(Admin, $"/admin/v1/accounts/{AccountId}/usage");
        Assert.Equal(all.Select(r => r.ToJsonString()), viaAdmin.Select(r => r.ToJsonString()));
    }

    [Fact]
    public async Task An_item_shows_tokens_money_as_decimal_strings_status_and_its_promotion()
    {
        var promotionId = Guid.NewGuid();
        await AddAsync(Record("req_full", Noon, promotion: (promotionId, "GPT 95% off")), Record("req_plain", Noon.AddMinutes(-1)));

        var items = await AllAsync(Customer, "/api/v1/usage");

        var item = items[0];
        Assert.Equal("req_full", item["id"]!.GetValue<string>());
        Assert.Equal(Noon, DateTimeOffset.Parse(item["created_at"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal(KeyA, Guid.Parse(item["key_id"]!.GetValue<string>()));
        Assert.Equal(("gpt-4o", "openai"), (item["model"]!.GetValue<string>(), item["provider"]!.GetValue<string>()));
        Assert.Equal([1200L, 345L, 200L, 10L, 40L], new[] { "input_tokens", "output_tokens", "cache_read_tokens", "cache_write_tokens", "reasoning_tokens" }
            .Select(n => item[n]!.GetValue<long>()));
        Assert.Equal(("0.012345678", "0.01"), (item["cost_usd"]!.GetValue<string>(), item["charged_usd"]!.GetValue<string>()));
        Assert.Equal(("succeeded", "reported", 321), (item["status"]!.GetValue<string>(), item["usage_source"]!.GetValue<string>(), item["latency_ms"]!.GetValue<int>()));
        Assert.Equal(promotionId, Guid.Parse(item["promotion"]!["id"]!.GetValue<string>()));
        Assert.Equal("GPT 95% off", item["promotion"]!["name"]!.GetValue<string>());
        Assert.Null(items[1]["promotion"]);
    }

    [Fact]
    public async Task Usage_filters_by_key_model_and_a_half_open_time_range()
    {
        await AddAsync(
            Record("req_a_4o_early", Noon.AddHours(-2), KeyA, "gpt-4o"),
            Record("req_a_4o_noon", Noon, KeyA, "gpt-4o"),
            Record("req_b_4o_noon", Noon.AddSeconds(1), KeyB, "gpt-4o"),
            Record("req_a_claude", Noon.AddHours(1), KeyA, "claude-sonnet-4-5"),
            Record("req_b_claude_late", Noon.AddHours(3), KeyB, "claude-sonnet-4-5"));

        Assert.Equal(["req_a_claude", "req_a_4o_noon", "req_a_4o_early"], Ids(await AllAsync(Customer, $"/api/v1/usage?key_id={KeyA}")));
        Assert.Equal(["req_b_claude_late", "req_a_claude"], Ids(await AllAsync(Customer, "/api/v1/usage?model=claude-sonnet-4-5")));

        // from is inclusive, to exclusive; an unescaped '+' offset arrives as a space and still parses.
        Assert.Equal(["req_a_claude", "req_b_4o_noon", "req_a_4o_noon"],
            Ids(await AllAsync(Customer, "/api/v1/usage?from=2026-06-01T12:00:00Z&to=2026-06-01T15:00:00Z")));
        Assert.Equal(["req_a_claude", "req_b_4o_noon", "req_a_4o_noon"],
            Ids(await AllAsync(Customer, "/api/v1/usage?from=2026-06-01T14:00:00+02:00&to=2026-06-01T17:00:00%2B02:00")));
        Assert.Equal(["req_a_4o_noon"],
            Ids(await AllAsync(Customer, $"/api/v1/usage?key_id={KeyA}&model=gpt-4o&from=2026-06-01T11:00:00Z")));
        Assert.Equal(5, (await AllAsync(Customer, "/api/v1/usage?from=2026-06-01&to=2026-06-02")).Count);
    }

    [Theory]
    [InlineData("key_id=not-a-uuid", "key_id")]
    [InlineData("model=", "model")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-06-02&to=2026-06-01", "to")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Usage_refuses_a_bad_filter_naming_the_field(string query, string field)
    {
        using var response = await Customer.GetAsync($"/api/v1/usage?{query}");

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.True((await response.ReadJsonNodeAsync())["errors"]!.AsObject().ContainsKey(field), $"no error for {field}");
    }

    [Fact]
    public async Task The_export_refuses_a_bad_filter_before_writing_any_csv()
    {
        using var response = await Customer.GetAsync("/api/v1/usage/export.csv?key_id=nope&from=soon");

        await response.AssertStatusAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonNodeAsync())["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("key_id") && errors.ContainsKey("from"), errors.ToJsonString());
    }

    [Fact]
    public async Task Usage_is_private_to_its_account()
    {
        await AddAsync(Record("req_mine", Noon));
        var (_, other) = await SignUpAsync();

        Assert.Empty(await AllAsync(other, "/api/v1/usage"));
        Assert.Empty(await AllAsync(other, $"/api/v1/usage?key_id={KeyA}"));
        using var csv = await other.GetAsync("/api/v1/usage/export.csv");
        Assert.Equal(UsageCsvHeader, await csv.Content.ReadAsStringAsync());
        using var anonymous = await Fixture.App.CreateClient().GetAsync("/api/v1/usage");
        await anonymous.AssertStatusAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_chat_call_shows_up_in_usage_under_its_key()
    {
        await Admin.CreditAsync(AccountId, "1");
        using var created = await Customer.PostJsonAsync("/api/v1/keys", new { name = "laptop" });
        var keyNode = await created.ReadJsonNodeAsync();
        using var api = Fixture.App.CreateBearerClient(keyNode["key"]!.GetValue<string>());
        var body = """{"model":"gpt-4o","messages":[{"role":"user","content":"Hello"}],"max_tokens":50}""";
        using (var call = await api.PostAsync("/v1/chat/completions", new StringContent(body, Encoding.UTF8, "application/json")))
        {
            await call.AssertStatusAsync(HttpStatusCode.OK);
        }

        var item = Assert.Single(await AllAsync(Customer, $"/api/v1/usage?key_id={keyNode["id"]!.GetValue<string>()}&model=gpt-4o"));
        Assert.Equal(12, item["input_tokens"]!.GetValue<long>());
        Assert.Equal(5, item["output_tokens"]!.GetValue<long>());
        var cost = Money.Parse(item["cost_usd"]!.GetValue<string>());
        Assert.Equal(cost, Money.Parse(item["charged_usd"]!.GetValue<string>()));
        Assert.Equal(Money.Parse("1") - cost, await AvailableAsync());
        Assert.Equal(("succeeded", "reported"), (item["status"]!.GetValue<string>(), item["usage_source"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Csv_export_has_a_header_row_rfc_4180_quoting_and_money_as_decimal_strings()
    {
        await AddAsync(
            Record("req_quoted", Noon, promotion: (Guid.Empty, "Spring, \"GPT\"\r\nsale")),
            Record("req_plain", Noon.AddMinutes(-1), model: "claude-sonnet-4-5"));

        using var response = await Customer.GetAsync("/api/v1/usage/export.csv");

        await response.AssertStatusAsync(HttpStatusCode.OK);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("usage.csv", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith(UsageCsvHeader, text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.Contains(",\"Spring, \"\"GPT\"\"\r\nsale\"\r\n", text, StringComparison.Ordinal);

        var rows = ParseCsv(text);
        Assert.Equal(3, rows.Count);
        Assert.Equal(17, rows[0].Count);
        Assert.All(rows, r => Assert.Equal(rows[0].Count, r.Count));
        var quoted = Row(rows, "req_quoted");
        Assert.Equal("2026-06-01T12:00:00.0000000Z", quoted["created_at"]);
        Assert.Equal(("0.012345678", "0.01"), (quoted["cost_usd"], quoted["charged_usd"]));
        Assert.Equal("Spring, \"GPT\"\r\nsale", quoted["promotion_name"]);
        Assert.Equal(("1200", "345"), (quoted["input_tokens"], quoted["output_tokens"]));
        Assert.Equal(("", ""), (Row(rows, "req_plain")["promotion_id"], Row(rows, "req_plain")["promotion_name"]));

        using var filtered = await Customer.GetAsync("/api/v1/usage/export.csv?model=claude-sonnet-4-5");
        Assert.Equal(["req_plain"], ParseCsv(await filtered.Content.ReadAsStringAsync()).Skip(1).Select(r => r[0]));
    }

    [Fact]
    public async Task Csv_export_streams_every_record_across_batches_newest_first()
    {
        var records = Enumerable.Range(0, 1203).Select(i => Record($"req_{i:0000}", Noon.AddSeconds(i))).ToArray();
        await AddAsync(records);

        using var customer = await Customer.GetAsync("/api/v1/usage/export.csv");
        using var admin = await Admin.GetAsync($"/admin/v1/accounts/{AccountId}/usage/export.csv");

        var ids = ParseCsv(await customer.Content.ReadAsStringAsync()).Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(records.Select(r => r.Id).Reverse(), ids);
        Assert.Equal(await customer.Content.ReadAsStringAsync(), await admin.Content.ReadAsStringAsync());
    }

    private const string UsageCsvHeader =
        "id,created_at,key_id,model,provider,input_tokens,output_tokens,cache_read_tokens,cache_write_tokens,reasoning_tokens," +
        "cost_usd,charged_usd,status,usage_source,latency_ms,promotion_id,promotion_name\r\n";

    private UsageRecord Record(string id, DateTimeOffset at, Guid? key = null, string model = "gpt-4o", (Guid Id, string Name)? promotion = null) => new()
    {
        Id = id,
        AccountId = AccountId,
        KeyId = key ?? KeyA,
        Model = model,
        Provider = model.StartsWith("claude", StringComparison.Ordinal) ? "anthropic" : "openai",
        InputTokens = 1200,
        OutputTokens = 345,
        CacheReadTokens = 200,
        CacheWriteTokens = 10,
        ReasoningTokens = 40,
        Cost = Money.Parse("0.012345678"),
        Charged = Money.Parse("0.01"),
        LatencyMs = 321,
        Status = "succeeded",
        UsageSource = "reported",
        PromotionId = promotion?.Id,
        PromotionName = promotion?.Name,
        CreatedAt = at,
    };

    private Task<int> AddAsync(params UsageRecord[] records) =>
        WithBillingDbAsync(db =>
        {
            db.UsageRecords.AddRange(records);
            return db.SaveChangesAsync();
        });

    /// <summary>Every item of a usage list, following <c>next_cursor</c> with small pages.</summary>
    private static async Task<List<JsonNode>> AllAsync(HttpClient client, string path)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        var separator = path.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        do
        {
            var url = $"{path}{separator}limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var response = await client.GetAsync(url);
            await response.AssertStatusAsync(HttpStatusCode.OK);
            var page = await response.ReadJsonNodeAsync();
            items.AddRange(page["data"]!.AsArray().Select(e => e!.DeepClone()));
            cursor = page["next_cursor"]?.GetValue<string>();
        }
        while (cursor is not null);

        return items;
    }

    private static List<string> Ids(IEnumerable<JsonNode?> items) => [.. items.Select(i => i!["id"]!.GetValue<string>())];

    private static Dictionary<string, string> Row(List<List<string>> rows, string id) =>
        rows[0].Zip(rows.Single(r => r[0] == id)).ToDictionary(p => p.First, p => p.Second);

    /// <summary>A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes and embedded line breaks.</summary>
    private static List<List<string>> ParseCsv(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                    }
                    else if (text[i] == '"')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        field.Append(text[i++]);
                    }
                }
            }
            else if (text[i] == ',')
            {
                row.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i += 2;
            }
            else
            {
                Assert.NotEqual('\n', text[i]); // a bare line break outside quotes is not RFC 4180
                field.Append(text[i++]);
            }
        }

        Assert.Empty(row); // the last record ends with CRLF
        return rows;
    }
}

public sealed class SqliteUsageViewTests(SqliteBillingFixture fixture)
    : UsageViewTests<SqliteBillingFixture>(fixture), IClassFixture<SqliteBillingFixture>;

public sealed class PostgresUsageViewTests(PostgresBillingFixture fixture)
    : UsageViewTests<PostgresBillingFixture>(fixture), IClassFixture<PostgresBillingFixture>;
