using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace OneGo.Web.Features.Dashboards;

/// <summary>
/// The dashboard as a table for Excel: one row for the whole scope (合计), one per bundle and one per department, with
/// the same columns in the CSV (UTF-8 with a byte-order mark, so that Excel shows the Chinese) and in the .xlsx (a
/// second sheet holds the trend by day). Rates are percentages with two decimals.
/// </summary>
public static class DashboardExport
{
    private static readonly (string Header, Func<DashboardFigures, object?> Value)[] Columns =
    [
        ("收件", f => f.Received),
        ("受理", f => f.Accepted),
        ("办结", f => f.Completed),
        ("按时办结", f => f.OnTime),
        ("按时办结率（%）", f => Percent(f.OnTimeRate)),
        ("办理工作日中位数", f => f.MedianWorkingDays),
        ("平均办理工作日", f => f.AverageWorkingDays),
        ("当前超期", f => f.OverdueNow),
        ("容缺受理", f => f.Tolerated),
        ("容缺受理率（%）", f => Percent(f.ToleranceRate)),
        ("一次性告知补正", f => f.Corrected),
        ("补正率（%）", f => Percent(f.CorrectionRate)),
        ("网上申报", f => f.Online),
        ("窗口申报", f => f.Window),
        ("帮代办", f => f.Assistant),
        ("网上申报占比（%）", f => Percent(f.OnlineShare)),
        ("窗口申报占比（%）", f => Percent(f.WindowShare)),
        ("评价数", f => f.Ratings),
        ("满意率（%）", f => Percent(f.SatisfactionRate)),
    ];

    public static string FileName(DashboardReport report, string extension)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"dashboard-{report.Department ?? "all"}-{report.From:yyyyMMdd}-{report.To:yyyyMMdd}.{extension}";
    }

    public static IEnumerable<Dictionary<string, object?>> Rows(DashboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var basis = report.Basis == "tasks" ? "（按子件）" : "（按办件）";
        yield return Row("合计" + basis, report.Department ?? report.Bundle ?? "all", report.DepartmentName ?? report.BundleName ?? "全县", report.Totals);
        foreach (var r in report.ByBundle)
        {
            yield return Row("一件事" + basis, r.Code, r.Name, r.Figures);
        }
        foreach (var r in report.ByDepartment)
        {
            yield return Row("部门（按子件）", r.Code, r.Name, r.Figures);
        }
    }

    public static byte[] Csv(DashboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append("统计期间,").Append(Field(report.PeriodLabel)).Append("\r\n");
        var rows = Rows(report).ToList();
        text.Append(string.Join(",", rows[0].Keys.Select(Field))).Append("\r\n");
        foreach (var row in rows)
        {
            text.Append(string.Join(",", row.Values.Select(v => Field(Format(v))))).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static async Task<byte[]> XlsxAsync(DashboardReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sheets = new Dictionary<string, object>
        {
            ["效能看板"] = Rows(report).ToList(),
            ["趋势"] = report.Trend.Select(d => new Dictionary<string, object?>
            {
                ["日期"] = d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["收件"] = d.Received,
                ["受理"] = d.Accepted,
                ["办结"] = d.Completed,
                ["按时办结"] = d.OnTime,
            }).ToList(),
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(sheets, cancellationToken: cancellationToken);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Row(string group, string code, string name, DashboardFigures figures)
    {
        var row = new Dictionary<string, object?> { ["分组"] = group, ["代码"] = code, ["名称"] = name };
        foreach (var (header, value) in Columns)
        {
            row[header] = value(figures);
        }
        return row;
    }

    private static double? Percent(double? rate) => rate is { } r ? Math.Round(r * 100, 2) : null;

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
