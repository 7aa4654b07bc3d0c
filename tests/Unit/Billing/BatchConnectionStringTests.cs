using Npgsql;
using OmniaKey.Modules.Billing.Infrastructure.GroupCommit;
using Xunit;

namespace OmniaKey.UnitTests.Billing;

/// <summary>The billing batches' own PostgreSQL pool (ADR 0047): no reset on return, generic plans, the rest as configured.</summary>
public sealed class BatchConnectionStringTests
{
    [Fact]
    public void The_batch_pool_skips_the_reset_plans_generically_and_names_itself()
    {
        var batch = new NpgsqlConnectionStringBuilder(
            GroupCommitRegistration.BatchConnectionString("Host=db.internal;Port=5433;Username=omniakey;Password=secret;Database=omniakey;Maximum Pool Size=40"));

        Assert.True(batch.NoResetOnClose);
        Assert.Equal("-c plan_cache_mode=force_generic_plan", batch.Options);
        Assert.Equal("omniakey-billing-batches", batch.ApplicationName);
        Assert.Equal(("db.internal", 5433, "omniakey", "secret", "omniakey", 40), (batch.Host, batch.Port, batch.Username, batch.Password, batch.Database, batch.MaxPoolSize));
    }

    [Fact]
    public void Options_the_operator_configured_are_kept_before_the_batch_setting()
    {
        var batch = new NpgsqlConnectionStringBuilder(
            GroupCommitRegistration.BatchConnectionString("Host=localhost;Options=-c statement_timeout=5000"));

        Assert.Equal("-c statement_timeout=5000 -c plan_cache_mode=force_generic_plan", batch.Options);
    }
}
