using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OmniaKey.Infrastructure.Caching.ClusterInvalidation;

#nullable disable

namespace OmniaKey.Infrastructure.Messaging.Migrations.SqlServer
{
    /// <summary>
    /// SQL Server's cluster invalidation signals (docs/adr/0032-cluster-wide-invalidation.md): a table written and
    /// polled with hand-written SQL only (<see cref="SqlServerClusterInvalidation"/>), so it is not part of the model.
    /// </summary>
    [DbContext(typeof(SqlServerMessagingDbContext))]
    [Migration("20261207060000_ClusterInvalidations")]
    public partial class ClusterInvalidations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(SqlServerClusterInvalidation.CreateTableSql);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP TABLE messaging.cluster_invalidations;");
    }
}
