using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OneGo.Domain.Supervision;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Supervision;

namespace OneGo.Benchmarks;

/// <summary>
/// One supervision sweep over N running tasks on PostgreSQL (issue target: 100,000 open tasks in under 5 s).
/// Creates a throw-away database, migrates it, inserts 20 departments (a reviewer and a head each), the supervision
/// office and N running tasks (five per case) whose deadlines spread from 20 working days ago to 40 ahead, then
/// times: the first sweep (catching up: every overdue task escalated, every yellow one reminded), the same sweep
/// again (nothing new: the steady state of a node that sweeps every minute), and the sweep of the next working day.
/// <code>dotnet run -c Release --project bench/OneGo.Benchmarks -- sweep --pg "Host=127.0.0.1;Port=5433;Username=postgres" --tasks 100000</code>
/// </summary>
public static class SweepBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string Value(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        var server = Value("--pg", "Host=127.0.0.1;Port=5433;Username=postgres");
        var tasks = int.Parse(Value("--tasks", "100000"), CultureInfo.InvariantCulture);
        var database = "onego_sweep_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = new NpgsqlConnection(server + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await new NpgsqlCommand($"CREATE DATABASE {database}", admin).ExecuteNonQueryAsync();
        }
        var connection = $"{server};Database={database}";
        try
        {
            var options = new DbContextOptionsBuilder<PostgresOneGoDb>().UseNpgsql(connection, o => o.CommandTimeout(600)).Options;
            var calendar = CatalogLoader.Load(BenchCatalog.Directory(), new DateOnly(2026, 11, 25)).Catalog.Calendar;
            await using (var db = new PostgresOneGoDb(options))
            {
                await db.Database.MigrateAsync();
                var watch = Stopwatch.StartNew();
                await SeedAsync(db, tasks);
                Console.WriteLine($"seeded {tasks:N0} running tasks in {tasks / 5:N0} cases, 41 staff accounts: {watch.Elapsed.TotalSeconds:F1} s");
            }
            var today = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8));
            var tomorrow = new DateTimeOffset(calendar.AddWorkingDays(new DateOnly(2026, 11, 25), 1).Date.ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(8));
            foreach (var (label, now) in new[] { ("first sweep (catching up)", today), ("same day again (nothing new)", today), ("next working day", tomorrow), ("next working day again", tomorrow) })
            {
                await using var db = new PostgresOneGoDb(options);
                var result = await SupervisionSweep.RunAsync(db, calendar, WarningPolicy.Default, now, CancellationToken.None);
                var inbox = await db.Inbox.CountAsync();
                var outbox = await db.Outbox.CountAsync();
                Console.WriteLine($"{label,-30} {result.Elapsed.TotalMilliseconds,8:F0} ms  candidates {result.Candidates,7:N0}  reminders {result.Reminders,6:N0}  escalations {result.Escalations,6:N0}  inbox {inbox,7:N0}  outbox {outbox,7:N0}");
            }
            return 0;
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(server + ";Database=postgres");
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin).ExecuteNonQueryAsync();
        }
    }

    private static async Task SeedAsync(PostgresOneGoDb db, int tasks)
    {
        var cases = Math.Max(1, tasks / 5);
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES ('r-reviewer', 'reviewer', 'REVIEWER'), ('r-head', 'head', 'HEAD'), ('r-supervisor', 'supervisor', 'SUPERVISOR');
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "DisplayName", "DepartmentCode", "PhoneNumber", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            SELECT kind || '-' || d, kind || '-d' || lpad(d::text, 2, '0'), upper(kind || '-d' || lpad(d::text, 2, '0')), '部门' || d || kind, 'd' || lpad(d::text, 2, '0'),
                   '1390797' || lpad((d * 10 + length(kind))::text, 4, '0'), false, false, false, true, 0
            FROM generate_series(1, 20) d CROSS JOIN (VALUES ('reviewer'), ('head')) k(kind);
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "DisplayName", "PhoneNumber", "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ('supervisor', 'supervisor', 'SUPERVISOR', '督办', '13907979999', false, false, false, true, 0);
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
            SELECT "Id", 'r-' || split_part("Id", '-', 1) FROM "AspNetUsers";
            """);
        await db.Database.ExecuteSqlAsync($$"""
            INSERT INTO "Cases" ("CatalogVersion", "BundleCode", "BundleName", "ApplicantKind", "ApplicantCode", "ApplicantName", "Channel", "FiledBy", "State", "Acceptance",
                                 "AnswersJson", "FormJson", "PlanJson", "PromisedValue", "PromisedUnit", "CreatedAt", "PausedWorkingDays", "OutstandingMaterials", "CorrectionItems",
                                 "CorrectionRounds", "Version", "Number", "AcceptedOn", "DeadlineOn")
            SELECT 1, 'newborn', '新生儿出生“一件事”', 0, '360732199005121015', '张三', g % 3, 'bench', 4, 1, '{}', '{}', '{}', 30, 0, now(), 0, '{}', '{}', 0, 1,
                   '360732-bench-' || lpad(g::text, 7, '0'), date '2026-10-20', date '2027-01-20'
            FROM generate_series(1, {{cases}}) g
            """);
        // Deadlines spread over 60 calendar days around 2026-11-25; one task in ten paused (its clock stopped).
        await db.Database.ExecuteSqlAsync($$"""
            INSERT INTO "Tasks" ("CaseId", "MatterCode", "MatterName", "DepartmentCode", "DepartmentName", "LimitValue", "LimitUnit", "StrictPrerequisites", "ReviewPrerequisites",
                                 "Materials", "ResultName", "State", "Pause", "SupplementItems", "PausedWorkingDays", "ClockStartedOn", "DeadlineOn", "PausedSince")
            SELECT c."Id", 'matter-' || k, '事项' || k, 'd' || lpad(((c."Id" * 5 + k) % 20 + 1)::text, 2, '0'), '部门', 10, 0, '{}', '{}', '{}', '结果',
                   CASE WHEN (c."Id" + k) % 10 = 0 THEN 3 ELSE 1 + (c."Id" + k) % 2 END, CASE WHEN (c."Id" + k) % 10 = 0 THEN 1 ELSE 0 END, '{}', 0,
                   date '2026-11-25' + (((c."Id" * 7 + k * 13) % 60) - 30)::int - 14,
                   date '2026-11-25' + (((c."Id" * 7 + k * 13) % 60) - 30)::int,
                   CASE WHEN (c."Id" + k) % 10 = 0 THEN date '2026-11-20' END
            FROM "Cases" c CROSS JOIN generate_series(1, 5) k
            """);
        await db.Database.ExecuteSqlRawAsync("""ANALYZE "Tasks"; ANALYZE "Cases"; ANALYZE "SupervisionAlerts";""");
    }
}
