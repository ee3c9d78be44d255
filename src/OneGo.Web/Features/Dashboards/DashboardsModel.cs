using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Dashboards;

/// <summary>
/// One day of the official working calendar as a table, so that the database can count working days between two
/// dates by subtraction: <see cref="Ordinal"/> is the number of working days from the table's first day up to and
/// including this day, so the working days d with A &lt; d ≤ B are <c>Ordinal(B) − Ordinal(A)</c> — the same count as
/// <see cref="WorkCalendar.WorkingDaysBetween"/> (行政许可法 §82: 期限以工作日计算，不含法定节假日).
/// </summary>
public sealed class WorkDayRecord
{
    public DateOnly Day { get; set; }
    public int Ordinal { get; set; }
    public bool Working { get; set; }
}

/// <summary>The EF mapping of the dashboards: the calendar table and the indexes the dashboard queries range over.</summary>
public static class DashboardsModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<WorkDayRecord>(e =>
        {
            e.ToTable("WorkDays");
            e.HasKey(d => d.Day);
        });
        // Each dashboard figure ranges over one instant of the case or task (submitted, accepted, closed, decided), or
        // looks for open work past its deadline.
        builder.Entity<Case>(e =>
        {
            e.HasIndex(c => c.SubmittedAt);
            e.HasIndex(c => c.AcceptedAt);
            e.HasIndex(c => c.ClosedAt);
            e.HasIndex(c => new { c.State, c.DeadlineOn });
        });
        builder.Entity<CaseTask>(e =>
        {
            e.HasIndex(t => t.DecidedAt);
            e.HasIndex(t => new { t.State, t.DeadlineOn });
        });
    }
}

/// <summary>
/// Keeps the <c>WorkDays</c> table equal to the catalog's calendar (the years it has official data for, and the next
/// one). Checked once per process and calendar; rewritten when the calendar changed (a newly published holiday notice).
/// </summary>
public static class WorkDaysTable
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Synced = new(StringComparer.Ordinal);

    public static List<WorkDayRecord> Rows(WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var years = calendar.Years.Count > 0 ? calendar.Years : [DateTime.UtcNow.Year];
        var first = new DateOnly(years.Min(), 1, 1);
        var last = new DateOnly(years.Max() + 1, 12, 31);
        var rows = new List<WorkDayRecord>(last.DayNumber - first.DayNumber + 1);
        var ordinal = 0;
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var working = calendar.IsWorkingDay(day);
            if (working)
            {
                ordinal++;
            }
            rows.Add(new WorkDayRecord { Day = day, Ordinal = ordinal, Working = working });
        }
        return rows;
    }

    public static async Task EnsureAsync(OneGoDb db, WorkCalendar calendar, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = Rows(calendar);
        var signature = $"{rows[0].Day:O}|{rows[^1].Day:O}|{rows[^1].Ordinal}|{string.Join(',', calendar.Years)}";
        var key = db.Database.GetConnectionString() ?? string.Empty;
        if (Synced.TryGetValue(key, out var done) && done == signature)
        {
            return;
        }
        var stored = await db.Set<WorkDayRecord>().AsNoTracking().OrderBy(d => d.Day).Select(d => new { d.Day, d.Ordinal, d.Working }).ToListAsync(cancellationToken);
        var same = stored.Count == rows.Count && stored.Zip(rows).All(p => p.First.Day == p.Second.Day && p.First.Ordinal == p.Second.Ordinal && p.First.Working == p.Second.Working);
        if (!same)
        {
            try
            {
                await using var transaction = await db.BeginWriteAsync(cancellationToken);
                await db.Set<WorkDayRecord>().ExecuteDeleteAsync(cancellationToken);
                // Working days taken were counted on the old calendar: the rollup is rebuilt on the new one.
                await DashboardRollup.ResetAsync(db, cancellationToken);
                db.Set<WorkDayRecord>().AddRange(rows);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another node (or request) wrote the same days at the same moment: its rows are the same.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }
        Synced[key] = signature;
    }
}
