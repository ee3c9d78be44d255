using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Ratings;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Ratings;

/// <summary>Which ratings to count: rated on days in [From, To] (county time, UTC+8), optionally of one bundle or department.</summary>
public sealed record RatingStatisticsQuery(DateOnly? From = null, DateOnly? To = null, string? Bundle = null, string? Department = null);

public sealed record LevelCount(RatingLevel Level, string Label, int Count);

/// <summary>Counts of one group (the whole range, a bundle or a department).</summary>
public sealed record RatingFigures(
    int Total, int Bad, int Voided, IReadOnlyList<LevelCount> Levels, double? SatisfactionRate, double? BadRate, double? AverageScore);

public sealed record RatingGroup(string Code, string Name, RatingFigures Figures);

/// <summary>Rectifications of the bad reviews in range: how many still wait for an answer, how many are overdue.</summary>
public sealed record RectificationFigures(int Total, int Unanswered, int Overdue, int FollowedUp, int Answered, int AppealsPending, int Voided, double? FollowUpRate);

public sealed record RatingStatisticsReport(
    DateOnly? From, DateOnly? To, RatingFigures Overall, IReadOnlyList<RatingGroup> ByBundle, IReadOnlyList<RatingGroup> ByDepartment, RectificationFigures Rectifications);

/// <summary>
/// Rating statistics for the dashboards. Definitions: a voided rating (appeal upheld) counts in no figure except
/// <c>Voided</c>; satisfaction rate = ratings that are not bad ÷ counted ratings (基本满意 counts as satisfied, 国办发〔2019〕51号
/// counts only 不满意 and 非常不满意 as 差评); bad rate = bad ÷ counted; average score: 非常满意 5 … 非常不满意 1. A whole-case
/// rating counts for the bundle's lead department (the department that answers for it).
/// </summary>
public static class RatingStatistics
{
    public const string NoDepartment = "";

    public static async Task<RatingStatisticsReport> QueryAsync(OneGoDb db, RatingStatisticsQuery query, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        var ratings = db.Ratings.AsNoTracking();
        if (query.From is { } from)
        {
            var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            ratings = ratings.Where(r => r.RatedAt >= since);
        }
        if (query.To is { } to)
        {
            var before = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.FromHours(8));
            ratings = ratings.Where(r => r.RatedAt < before);
        }
        if (!string.IsNullOrWhiteSpace(query.Bundle))
        {
            ratings = ratings.Where(r => r.BundleCode == query.Bundle);
        }
        if (!string.IsNullOrWhiteSpace(query.Department))
        {
            ratings = ratings.Where(r => r.DepartmentCode == query.Department);
        }
        // The database groups; the figures are derived from the (few) groups.
        var rows = await ratings
            .GroupBy(r => new { r.BundleCode, r.BundleName, r.DepartmentCode, r.DepartmentName, r.Level, Voided = r.VoidedAt != null })
            .Select(g => new Row(g.Key.BundleCode, g.Key.BundleName, g.Key.DepartmentCode, g.Key.DepartmentName, g.Key.Level, g.Key.Voided, g.Count()))
            .ToListAsync(cancellationToken);
        var rectifications = await db.Rectifications.AsNoTracking().Where(x => ratings.Any(r => r.Id == x.RatingId)).ToListAsync(cancellationToken);

        var followedUp = rectifications.Count(x => x.FollowedUpAt is not null);
        var live = rectifications.Count(x => x.State != RectificationState.Voided);
        return new RatingStatisticsReport(query.From, query.To, Figures(rows),
            rows.GroupBy(r => r.BundleCode).Select(g => new RatingGroup(g.Key, g.First().BundleName, Figures(g))).OrderByDescending(g => g.Figures.Total).ThenBy(g => g.Code, StringComparer.Ordinal).ToList(),
            rows.GroupBy(r => r.DepartmentCode ?? NoDepartment).Select(g => new RatingGroup(g.Key, g.First().DepartmentName ?? "（整体评价，未指定部门）", Figures(g)))
                .OrderByDescending(g => g.Figures.Total).ThenBy(g => g.Code, StringComparer.Ordinal).ToList(),
            new RectificationFigures(rectifications.Count, rectifications.Count(x => !x.IsAnswered), rectifications.Count(x => x.IsOverdue(today)),
                followedUp, rectifications.Count(x => x.State is RectificationState.Replied or RectificationState.Closed),
                rectifications.Count(x => x.Appeal == AppealState.Pending), rectifications.Count(x => x.State == RectificationState.Voided),
                live == 0 ? null : Math.Round((double)rectifications.Count(x => x.FollowedUpAt is not null && x.State != RectificationState.Voided) / live, 4)));
    }

    private sealed record Row(string BundleCode, string BundleName, string? DepartmentCode, string? DepartmentName, RatingLevel Level, bool Voided, int Count);

    private static RatingFigures Figures(IEnumerable<Row> rows)
    {
        var list = rows.ToList();
        var counted = list.Where(r => !r.Voided).ToList();
        var total = counted.Sum(r => r.Count);
        var bad = counted.Where(r => r.Level.IsBad()).Sum(r => r.Count);
        var levels = RatingLevels.All.Select(l => new LevelCount(l, l.Label(), counted.Where(r => r.Level == l).Sum(r => r.Count))).ToList();
        return new RatingFigures(total, bad, list.Where(r => r.Voided).Sum(r => r.Count), levels,
            total == 0 ? null : Math.Round((double)(total - bad) / total, 4),
            total == 0 ? null : Math.Round((double)bad / total, 4),
            total == 0 ? null : Math.Round((double)counted.Sum(r => r.Level.Score() * r.Count) / total, 2));
    }
}
