using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;
using OneGo.Web.Features.Ratings;

namespace OneGo.Web.Data;

/// <summary>
/// The one model. Each provider has its own subclass so that each has its own migrations
/// (<c>dotnet ef migrations add X --context SqliteOneGoDb --output-dir Data/Migrations/Sqlite</c>, and the same for
/// <c>PostgresOneGoDb</c>).
/// </summary>
public abstract class OneGoDb(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<CaseTask> Tasks => Set<CaseTask>();
    public DbSet<CaseEvent> CaseEvents => Set<CaseEvent>();
    public DbSet<CaseMaterial> CaseMaterials => Set<CaseMaterial>();
    public DbSet<CatalogVersionRecord> CatalogVersions => Set<CatalogVersionRecord>();
    public DbSet<CatalogFileRecord> CatalogFiles => Set<CatalogFileRecord>();
    public DbSet<PersonRecord> People => Set<PersonRecord>();
    public DbSet<EnterpriseRecord> Enterprises => Set<EnterpriseRecord>();
    public DbSet<LicenseRecord> Licenses => Set<LicenseRecord>();
    public DbSet<LicenseUseRecord> LicenseUses => Set<LicenseUseRecord>();
    public DbSet<Features.Notifications.InboxItemRecord> Inbox => Set<Features.Notifications.InboxItemRecord>();
    public DbSet<Features.Notifications.OutboxMessageRecord> Outbox => Set<Features.Notifications.OutboxMessageRecord>();
    public DbSet<Features.Supervision.SupervisionAlertRecord> SupervisionAlerts => Set<Features.Supervision.SupervisionAlertRecord>();
    public DbSet<Features.Supervision.RectificationAlertRecord> RectificationAlerts => Set<Features.Supervision.RectificationAlertRecord>();
    public DbSet<StoredFileRecord> StoredFiles => Set<StoredFileRecord>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<CaseNumberCounter> CaseNumberCounters => Set<CaseNumberCounter>();
    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();
    public DbSet<AuditEntry> Audit => Set<AuditEntry>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<PendingAuditEntry> PendingAudit => Set<PendingAuditEntry>();
    public DbSet<Rating> Ratings => Set<Rating>();
    public DbSet<Rectification> Rectifications => Set<Rectification>();

    public abstract bool IsPostgres { get; }

    /// <summary>
    /// Begins a write transaction. SQLite has one writer at a time: writers of this process queue on an async
    /// gate instead of spinning on SQLITE_BUSY (Microsoft.Data.Sqlite sleeps 150 ms per retry). PostgreSQL
    /// writers run concurrently; conflicts are settled by row locks and the concurrency token.
    /// </summary>
    public virtual async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        NoSavepoints();
        return new(await Database.BeginTransactionAsync(cancellationToken), null);
    }

    /// <summary>
    /// A failed save inside one of our transactions always abandons the whole transaction (409, retry from the start),
    /// so EF's automatic savepoint around each SaveChanges (two more statements per save) buys nothing. Set per use:
    /// a pooled context is reset to the default when it is returned.
    /// </summary>
    protected void NoSavepoints() => Database.AutoSavepointsEnabled = false;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Instants are stored in UTC on both providers (Npgsql accepts only UTC for timestamptz).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.OnModelCreating(builder);

        builder.Entity<Case>(e =>
        {
            e.ToTable("Cases");
            e.HasKey(c => c.Id);
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => new { c.ApplicantCode, c.CreatedAt });
            e.HasIndex(c => new { c.State, c.SubmittedAt });
            e.Property(c => c.Version).IsConcurrencyToken();
            e.Property(c => c.Number).HasMaxLength(32);
            e.Property(c => c.BundleCode).HasMaxLength(64);
            e.Property(c => c.ApplicantCode).HasMaxLength(32);
            e.Ignore(c => c.NewEvents);
            e.HasMany(c => c.Tasks).WithOne().HasForeignKey(t => t.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Materials).WithOne().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Events).WithOne().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(c => c.Tasks).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Navigation(c => c.Materials).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Navigation(c => c.Events).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        builder.Entity<CaseTask>(e =>
        {
            e.ToTable("Tasks");
            e.HasIndex(t => new { t.DepartmentCode, t.State });
            e.HasIndex(t => new { t.State, t.DeadlineOn });
            e.Property(t => t.MatterCode).HasMaxLength(64);
            e.Property(t => t.DepartmentCode).HasMaxLength(64);
        });
        builder.Entity<CaseEvent>(e =>
        {
            e.ToTable("CaseEvents");
            e.HasIndex(v => new { v.CaseId, v.Id });
        });
        builder.Entity<CaseMaterial>(e => e.ToTable("CaseMaterials"));

        builder.Entity<CatalogVersionRecord>(e =>
        {
            e.ToTable("CatalogVersions");
            e.HasKey(v => v.Version);
            e.Property(v => v.Version).ValueGeneratedNever();
            e.HasMany(v => v.Files).WithOne().HasForeignKey(f => f.Version).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<CatalogFileRecord>(e => e.ToTable("CatalogFiles"));
        builder.Entity<PersonRecord>(e => { e.ToTable("People"); e.HasKey(p => p.IdNumber); });
        builder.Entity<EnterpriseRecord>(e => { e.ToTable("Enterprises"); e.HasKey(p => p.CreditCode); });
        builder.Entity<LicenseRecord>(e =>
        {
            e.ToTable("Licenses");
            e.HasKey(l => l.Identifier);
            e.HasIndex(l => l.HolderCode);
            e.HasIndex(l => l.TaskId);
            e.HasIndex(l => new { l.TypeCode, l.IssuerCode });
        });
        builder.Entity<Features.Notifications.InboxItemRecord>(e =>
        {
            e.ToTable("Inbox");
            e.HasIndex(i => new { i.UserId, i.Id });
            e.Property(i => i.Kind).HasMaxLength(32);
        });
        builder.Entity<Features.Notifications.OutboxMessageRecord>(e =>
        {
            e.ToTable("Outbox");
            e.HasIndex(m => new { m.SentAt, m.FailedAt, m.Id });
            e.Property(m => m.Channel).HasMaxLength(16);
        });
        builder.Entity<Features.Supervision.SupervisionAlertRecord>(e =>
        {
            e.ToTable("SupervisionAlerts");
            e.HasKey(a => new { a.TaskId, a.Level });
            e.HasIndex(a => new { a.CaseId });
        });
        builder.Entity<Features.Supervision.RectificationAlertRecord>(e =>
        {
            e.ToTable("RectificationAlerts");
            e.HasKey(a => new { a.RectificationId, a.Kind });
            e.HasIndex(a => new { a.CaseId });
        });
        builder.Entity<LicenseUseRecord>(e =>
        {
            e.ToTable("LicenseUses");
            e.HasIndex(u => new { u.HolderCode, u.UsedAt });
            e.HasIndex(u => new { u.CaseId, u.LicenseIdentifier, u.MaterialKey }).IsUnique();
        });
        builder.Entity<StoredFileRecord>(e => { e.ToTable("StoredFiles"); e.HasKey(f => new { f.Hash, f.UploadedBy }); });
        builder.Entity<IdempotencyRecord>(e => { e.ToTable("IdempotencyKeys"); e.HasKey(k => new { k.UserId, k.Key }); });
        builder.Entity<CaseNumberCounter>(e => { e.ToTable("CaseNumberCounters"); e.HasKey(c => c.Day); });
        builder.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("ApiKeys");
            e.HasIndex(k => k.KeyHash).IsUnique();
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("Audit");
            e.HasKey(a => a.Seq);
            e.Property(a => a.Seq).ValueGeneratedNever();
        });
        builder.Entity<PendingAuditEntry>(e => e.ToTable("AuditPending"));
        builder.Entity<AuditHead>(e =>
        {
            e.ToTable("AuditHeads");
            e.Property(h => h.Id).ValueGeneratedNever();
        });
        RatingsModel.Configure(builder);
        Features.Dashboards.DashboardsModel.Configure(builder);
        Features.Dashboards.DashboardRollup.Configure(builder);
    }

    /// <summary>Every save of cases or tasks also marks the dashboard days it changes (in the same transaction).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Features.Dashboards.DashboardRollup.MarkChanges(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Features.Dashboards.DashboardRollup.MarkChanges(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTime>(
        v => v.UtcDateTime,
        v => new DateTimeOffset(DateTime.SpecifyKind(v, DateTimeKind.Utc)));
}

public sealed class SqliteOneGoDb(DbContextOptions<SqliteOneGoDb> options) : OneGoDb(options)
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public override bool IsPostgres => false;

    public override async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        NoSavepoints();
        var gate = Gates.GetOrAdd(Database.GetConnectionString() ?? string.Empty, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return new WriteTransaction(await Database.BeginTransactionAsync(cancellationToken), gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }
}

public sealed class PostgresOneGoDb(DbContextOptions<PostgresOneGoDb> options) : OneGoDb(options)
{
    public override bool IsPostgres => true;
}

/// <summary>A database transaction that also holds the SQLite write gate until it ends.</summary>
public sealed class WriteTransaction(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
{
    private SemaphoreSlim? _gate = gate;

    public Task CommitAsync(CancellationToken cancellationToken = default) => transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken = default) => transaction.RollbackAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        Interlocked.Exchange(ref _gate, null)?.Release();
    }
}

/// <summary>For <c>dotnet ef</c>: the SQLite model without a running host.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteOneGoDb>
{
    public SqliteOneGoDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteOneGoDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>For <c>dotnet ef</c>: the PostgreSQL model without a running host.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresOneGoDb>
{
    public PostgresOneGoDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresOneGoDb>().UseNpgsql("Host=localhost;Database=onego").Options);
}
