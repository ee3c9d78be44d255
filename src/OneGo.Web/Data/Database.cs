using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneGo.Web.Features.Catalog;

namespace OneGo.Web.Data;

/// <summary>Configuration under <c>OneGo:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "OneGo:Database";

    /// <summary><c>sqlite</c> (the embedded default) or <c>postgres</c>.</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>ADO.NET connection string. Empty with SQLite: <c>{DataPath}/onego.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Seed demo accounts, people, enterprises and licenses on first run (the embedded default; switch off in production).</summary>
    public bool SeedDemo { get; set; } = true;
}

/// <summary>Configuration under <c>OneGo</c>: where local state lives.</summary>
public sealed class StorageOptions
{
    /// <summary>Folder for the SQLite file, uploaded files and generated keys; relative to the working directory.</summary>
    public string DataPath { get; set; } = "data";

    public string ResolveDataPath() => Path.GetFullPath(DataPath);
}

public static class DatabaseExtensions
{
    public static IServiceCollection AddOneGoData(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var storage = new StorageOptions { DataPath = configuration["OneGo:DataPath"] ?? "data" };
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.AddSingleton(storage);
        switch (options.Provider.ToLowerInvariant())
        {
            case "sqlite":
                var connection = options.ConnectionString;
                if (string.IsNullOrWhiteSpace(connection))
                {
                    var folder = storage.ResolveDataPath();
                    Directory.CreateDirectory(folder);
                    connection = $"Data Source={Path.Combine(folder, "onego.db")};Pooling=True";
                }
                services.AddDbContextPool<SqliteOneGoDb>(o => o.UseSqlite(connection, s => s.CommandTimeout(60)));
                services.AddScoped<OneGoDb>(sp => sp.GetRequiredService<SqliteOneGoDb>());
                break;
            case "postgres":
            case "postgresql":
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("OneGo:Database:Provider 为 postgres 时须配置 OneGo:Database:ConnectionString");
                }
                var postgres = WithoutPoolReset(options.ConnectionString);
                services.AddDbContextPool<PostgresOneGoDb>(o => o.UseNpgsql(postgres));
                services.AddScoped<OneGoDb>(sp => sp.GetRequiredService<PostgresOneGoDb>());
                break;
            default:
                throw new InvalidOperationException($"不支持的数据库 OneGo:Database:Provider = {options.Provider}（可选 sqlite、postgres）");
        }
        services.AddSingleton<PublishedCatalogs>();
        services.AddHostedService<Features.Audit.AuditSealer>();
        return services;
    }

    /// <summary>
    /// Npgsql sends DISCARD ALL each time a pooled connection is reused, to clear session state. OneGo keeps none (no SET,
    /// temporary tables, session-level advisory locks or prepared statements; its locks end with their transaction), so
    /// the reset is skipped unless the operator's connection string asks for it ("No Reset On Close=false").
    /// </summary>
    public static string WithoutPoolReset(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var mentioned = given.Keys.Cast<string>().Any(k => k.Replace(" ", string.Empty, StringComparison.Ordinal).Equals("NoResetOnClose", StringComparison.OrdinalIgnoreCase));
        return mentioned ? connectionString : new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true }.ConnectionString;
    }

    /// <summary>Creates or migrates the database, then seeds: roles, the audit head, the first catalog version and (if configured) the demo data.</summary>
    public static async Task InitialiseDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<OneGoDb>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("OneGo.Database");
        if (!db.IsPostgres)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            // WAL lets readers go on while one writer writes; the busy timeout waits for the write lock instead of failing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(cancellationToken);

        var roles = provider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        if (!await db.AuditHeads.AnyAsync(cancellationToken))
        {
            db.AuditHeads.Add(new AuditHead { Id = 1, LastSeq = 0, LastHash = Features.Audit.AuditLog.Genesis });
            await db.SaveChangesAsync(cancellationToken);
        }
        if (!await db.CatalogVersions.AnyAsync(cancellationToken))
        {
            var store = provider.GetRequiredService<CatalogStore>();
            var result = await provider.GetRequiredService<PublishedCatalogs>().PublishAsync(db, store.Directory, "system", cancellationToken);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("First run: {Message}", result.Message);
            }
        }
        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (options.SeedDemo)
        {
            await DemoSeed.SeedAsync(provider, db, logger, cancellationToken);
        }
        else
        {
            await DemoSeed.EnsureAdministratorAsync(provider, logger);
        }
    }
}
