using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace OneGo.Web.Tests.Api;

/// <summary>
/// The real application on the repository's catalog, with the clock fixed at 2026-09-24 09:00 (UTC+8) and a
/// database of its own: a SQLite file in a temporary folder, or — when <c>ONEGO_TEST_DATABASE=postgres</c> —
/// a fresh PostgreSQL database on <c>ONEGO_TEST_PG</c> (the test command starts a private cluster), dropped
/// afterwards.
/// </summary>
public sealed class OneGoFactory : WebApplicationFactory<Program>
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "onego-test-" + Guid.NewGuid().ToString("N"));
    private readonly string? _database;
    private readonly string _catalogPath;

    // A second node on the same database and data folder does not delete them.
    private readonly bool _owner = true;

    public OneGoFactory()
        : this((string?)null)
    {
    }

    private OneGoFactory(string? catalogPath)
    {
        _catalogPath = catalogPath ?? RepositoryCatalog.Directory;
        if (IsPostgres)
        {
            _database = "onego_t_" + Guid.NewGuid().ToString("N")[..12];
        }
    }

    private OneGoFactory(OneGoFactory first)
    {
        _catalogPath = first._catalogPath;
        _dataPath = first._dataPath;
        _database = first._database;
        _owner = false;
        Time.SetUtcNow(first.Time.GetUtcNow());
    }

    /// <summary>A second OneGo node against the same database (scale-out tests); dispose it before the first.</summary>
    public static OneGoFactory SecondNodeOf(OneGoFactory first) => new(first);

    /// <summary>An application on a catalog folder of its own (for publication tests).</summary>
    public static OneGoFactory WithCatalog(string catalogPath) => new(catalogPath);

    public static bool IsPostgres => Environment.GetEnvironmentVariable("ONEGO_TEST_DATABASE") == "postgres";

    public static string PostgresServer => Environment.GetEnvironmentVariable("ONEGO_TEST_PG") ?? "Host=127.0.0.1;Port=5433;Username=postgres";

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 9, 24, 1, 0, 0, TimeSpan.Zero));

    public string DataPath => _dataPath;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OneGo:Catalog:Path", _catalogPath);
        builder.UseSetting("OneGo:DataPath", _dataPath);
        // Tests run the supervision sweep and the outbox themselves, at the moments they choose.
        builder.UseSetting("OneGo:Supervision:SweepSeconds", "0");
        builder.UseSetting("OneGo:Notifications:DispatchSeconds", "0");
        builder.UseSetting("OneGo:Dashboards:RollupSeconds", "0");
        if (_database is not null)
        {
            builder.UseSetting("OneGo:Database:Provider", "postgres");
            builder.UseSetting("OneGo:Database:ConnectionString", $"{PostgresServer};Database={_database};Pooling=true;Maximum Pool Size=40");
        }
        Time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing || !_owner)
        {
            return;
        }
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        if (_database is not null)
        {
            NpgsqlConnection.ClearAllPools();
            using var connection = new NpgsqlConnection(PostgresServer + ";Database=postgres");
            connection.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
            drop.ExecuteNonQuery();
        }
    }
}
