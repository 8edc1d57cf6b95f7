using Mamori.Data;
using Microsoft.EntityFrameworkCore;

namespace Mamori.Tests.Data;

/// <summary>
/// Migrations are generated files: this says when they no longer match the entity classes. No database is opened,
/// so both providers are checked on every run.
/// </summary>
public sealed class ModelTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public void The_migrations_cover_every_change_to_the_entity_classes(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<MamoriDbContext>();
        var connection = provider == DatabaseProvider.Sqlite ? "Data Source=model-test.db" : "Host=localhost;Database=model_test";
        DatabaseSetup.Configure(options, provider, connection);
        using var db = new MamoriDbContext(options.Options);
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations do not match the entity classes: run scripts/update-model.sh <MigrationName>.");
    }
}
