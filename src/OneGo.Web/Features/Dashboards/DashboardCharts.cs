using System.Globalization;

namespace OneGo.Web.Features.Dashboards;

/// <summary>ECharts options of the dashboard page (serialised by JS interop, rendered by <c>wwwroot/js/charts.js</c>).</summary>
public static class DashboardCharts
{
    private const string Blue = "#1677ff";
    private const string Green = "#52c41a";
    private const string Teal = "#13c2c2";
    private const string Red = "#f5222d";
    private const string Grey = "#8c8c8c";

    /// <summary>Received, accepted, completed and completed on time, by day.</summary>
    public static object Trend(DashboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var days = report.Trend;
        object Series(string name, string color, Func<DashboardDay, int> value) =>
            new { name, type = days.Count > 1 ? "line" : "bar", showSymbol = days.Count <= 31, itemStyle = new { color }, data = days.Select(value).ToArray() };
        return new
        {
            animation = false,
            tooltip = new { trigger = "axis" },
            legend = new { top = 0 },
            grid = new { left = 48, right = 16, top = 36, bottom = 28 },
            xAxis = new { type = "category", data = days.Select(d => d.Day.ToString("MM-dd", CultureInfo.InvariantCulture)).ToArray() },
            yAxis = new { type = "value", minInterval = 1 },
            series = new[]
            {
                Series("收件", Grey, d => d.Received),
                Series("受理", Blue, d => d.Accepted),
                Series("办结", Teal, d => d.Completed),
                Series("按时办结", Green, d => d.OnTime),
            },
        };
    }

    /// <summary>The departments with the most tasks: completed, completed on time and overdue now, as horizontal bars.</summary>
    public static object Departments(DashboardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = report.ByDepartment.OrderByDescending(r => r.Figures.Received + r.Figures.OverdueNow).Take(12).Reverse().ToList();
        object Series(string name, string color, Func<DashboardFigures, int> value) =>
            new { name, type = "bar", itemStyle = new { color }, data = rows.Select(r => value(r.Figures)).ToArray() };
        return new
        {
            animation = false,
            tooltip = new { trigger = "axis", axisPointer = new { type = "shadow" } },
            legend = new { top = 0 },
            grid = new { left = 8, right = 24, top = 36, bottom = 8, containLabel = true },
            xAxis = new { type = "value", minInterval = 1 },
            yAxis = new { type = "category", data = rows.Select(r => r.Name.Replace("兴国县", string.Empty, StringComparison.Ordinal)).ToArray() },
            series = new[]
            {
                Series("办结", Teal, f => f.Completed),
                Series("按时办结", Green, f => f.OnTime),
                Series("当前超期", Red, f => f.OverdueNow),
            },
        };
    }
}
