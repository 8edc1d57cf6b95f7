using Mamori.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Mamori.Migrations.Sqlite;

/// <summary>Lets `dotnet ef migrations add` build the model for this provider without the web host; no database is opened.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MamoriDbContext>
{
    public MamoriDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MamoriDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, "Data Source=design-time.db");
        return new MamoriDbContext(builder.Options);
    }
}
