using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using OmniaKey.IntegrationTests.Infrastructure;
using Xunit;

namespace OmniaKey.IntegrationTests.Persistence;

/// <summary>
/// Every context runs on its compiled model (docs/adr/0051), and that model is the one its code builds: the same
/// tables, columns, keys and indexes, and the same entity types, properties and conversions. A change to an entity
/// without <c>scripts/optimize-models.sh</c> fails here.
/// </summary>
public sealed class CompiledModelsTests(SqliteGatewayFixture fixture) : IClassFixture<SqliteGatewayFixture>
{
    [Theory]
    [MemberData(nameof(MigrationsTests.ProviderContexts), MemberType = typeof(MigrationsTests))]
    public void The_context_runs_on_its_compiled_model(string contextType)
    {
        using var scope = fixture.App.Services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
        var provider = context.GetType().Name[..^(context.GetType().BaseType!.Name.Length)];

        Assert.Equal($"{context.GetType().Name}Model", context.Model.GetType().Name);
        Assert.EndsWith($".CompiledModels.{provider}", context.Model.GetType().Namespace, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MigrationsTests.ProviderContexts), MemberType = typeof(MigrationsTests))]
    public void The_compiled_model_is_the_model_the_code_builds(string contextType)
    {
        using var scope = fixture.App.Services.CreateScope();
        var context = (DbContext)scope.ServiceProvider.GetRequiredService(Type.GetType(contextType, throwOnError: true)!);
        var compiled = context.Model;
        var built = context.GetService<IDesignTimeModel>().Model;

        Assert.Equal(Describe(built), Describe(compiled));
    }

    /// <summary>
    /// What a compiled model keeps of the code's decisions, for each entity type: its table, its columns with their
    /// CLR and store types, nullability and conversion, its keys, foreign keys and indexes. (A compiled model cannot
    /// describe itself: EF keeps only what queries and saves read.)
    /// </summary>
    private static string Describe(IModel model) =>
        string.Join('\n', model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).Select(entity => string.Join(
            '\n',
            [
                $"{entity.Name} -> {entity.GetSchema()}.{entity.GetTableName()}",
                .. entity.GetProperties().Select(p =>
                    $"  {p.Name}: {p.ClrType.Name} as {p.GetColumnName()} {p.GetColumnType()} nullable={p.IsNullable} " +
                    $"converted={p.GetTypeMapping().Converter?.ProviderClrType.Name} generated={p.ValueGenerated}"),
                .. entity.GetKeys().Select(k => $"  key {Names(k.Properties)} primary={k.IsPrimaryKey()}"),
                .. entity.GetForeignKeys().Select(f => $"  fk {Names(f.Properties)} -> {f.PrincipalEntityType.Name} {f.DeleteBehavior}"),
                .. entity.GetIndexes().Select(i => $"  index {Names(i.Properties)} unique={i.IsUnique} filter={i.GetFilter()}"),
            ])));

    private static string Names(IEnumerable<IProperty> properties) => string.Join(',', properties.Select(p => p.Name));
}
