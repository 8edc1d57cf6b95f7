using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Mamori.Tests.Data;

/// <summary>
/// The app runs on a compiled model (a cold start does not build the model from the entity classes), and on
/// migrations. Both are generated files: these tests say when either no longer matches the entity classes.
/// No database is opened, so both providers are checked on every run.
/// </summary>
public sealed class ModelTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_cover_every_change_to_the_entity_classes(DatabaseProvider provider)
    {
        using var db = Context(provider, compiledModel: false);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations do not match the entity classes: run scripts/update-model.sh <MigrationName>.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_compiled_model_matches_the_entity_classes(DatabaseProvider provider)
    {
        using var built = Context(provider, compiledModel: false);
        using var compiled = Context(provider, compiledModel: true);
        var declared = DatabaseSetup.FindCompiledModel(provider == DatabaseProvider.Sqlite ? DatabaseSetup.SqliteMigrations : DatabaseSetup.PostgresMigrations);
        Assert.NotNull(declared);
        Assert.Same(declared, compiled.Model);
        Assert.NotSame(declared, built.Model);

        Assert.Equal(Describe(built.Model), Describe(compiled.Model));
    }

    /// <summary>
    /// Everything SQL and materialisation depend on: tables, columns with their store types, keys, foreign keys,
    /// indexes, and the CLR side of each property. (EF's model differ cannot read a compiled model.)
    /// </summary>
    private static List<string> Describe(IModel model)
    {
        var lines = new List<string>();
        foreach (var table in model.GetRelationalModel().Tables)
        {
            lines.Add($"table {table.Name}");
            lines.AddRange(table.Columns.Select(c => $"  column {table.Name}.{c.Name} {c.StoreType} null={c.IsNullable}"));
            lines.AddRange(table.UniqueConstraints.Select(u => $"  unique {u.Name} ({Columns(u.Columns)}) primary={u.GetIsPrimaryKey()}"));
            lines.AddRange(table.ForeignKeyConstraints.Select(f =>
                $"  foreign key {f.Name} ({Columns(f.Columns)}) -> {f.PrincipalTable.Name} ({Columns(f.PrincipalColumns)}) {f.OnDeleteAction}"));
            lines.AddRange(table.Indexes.Select(i => $"  index {i.Name} ({Columns(i.Columns)}) unique={i.IsUnique}"));
        }
        lines.AddRange(model.GetEntityTypes().Select(type => $"entity {type.Name}: " + string.Join(", ", type.GetProperties().Select(p =>
            $"{p.Name} {p.ClrType.Name} null={p.IsNullable} max={p.GetMaxLength()} token={p.IsConcurrencyToken} generated={p.ValueGenerated} {p.GetTypeMapping().Converter?.GetType().Name}"))));
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Columns(IEnumerable<IColumn> columns) => string.Join(", ", columns.Select(c => c.Name));

    private static MamoriDbContext Context(DatabaseProvider provider, bool compiledModel)
    {
        var options = new DbContextOptionsBuilder<MamoriDbContext>();
        var connection = provider == DatabaseProvider.Sqlite ? "Data Source=model-test.db" : "Host=localhost;Database=model_test";
        DatabaseSetup.Configure(options, provider, connection, compiledModel);
        return new MamoriDbContext(options.Options);
    }
}
