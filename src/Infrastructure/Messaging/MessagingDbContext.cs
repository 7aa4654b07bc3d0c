using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OmniaKey.Infrastructure.Persistence;

namespace OmniaKey.Infrastructure.Messaging;

/// <summary>
/// The outbox and inbox tables, in their own <c>messaging</c> schema. They belong to no module: every module's
/// command writes its events here, in its own transaction (the scope's connection is shared).
/// </summary>
internal abstract class MessagingDbContext(DbContextOptions options) : ModuleDbContext(options)
{
    public const string SchemaName = "messaging";

    public override string Schema => SchemaName;

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
}

internal sealed class SqliteMessagingDbContext(DbContextOptions<SqliteMessagingDbContext> options) : MessagingDbContext(options);

internal sealed class PostgresMessagingDbContext(DbContextOptions<PostgresMessagingDbContext> options) : MessagingDbContext(options);

internal sealed class SqlServerMessagingDbContext(DbContextOptions<SqlServerMessagingDbContext> options) : MessagingDbContext(options);

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(m => m.Type).HasColumnName("type").HasMaxLength(300);
        builder.Property(m => m.Payload).HasColumnName("payload");
        builder.Property(m => m.OccurredAt).HasColumnName("occurred_at");
        builder.Property(m => m.Attempts).HasColumnName("attempts");
        builder.Property(m => m.NextAttemptAt).HasColumnName("next_attempt_at");
        builder.Property(m => m.LockedUntil).HasColumnName("locked_until");
        builder.Property(m => m.ProcessedAt).HasColumnName("processed_at");
        builder.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);

        // The dispatcher's question: which unprocessed messages are due?
        builder.HasIndex(m => new { m.ProcessedAt, m.NextAttemptAt });
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.EventId, m.Handler });
        builder.Property(m => m.EventId).HasColumnName("event_id");
        builder.Property(m => m.Handler).HasColumnName("handler").HasMaxLength(300);
        builder.Property(m => m.HandledAt).HasColumnName("handled_at");
    }
}
