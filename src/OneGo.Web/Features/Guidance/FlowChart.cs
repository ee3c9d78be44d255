using System.Globalization;
using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;

namespace OneGo.Web.Features.Guidance;

/// <summary>A matter in the flow chart.</summary>
public sealed record FlowNode(string Code, string Name, string Department, TimeLimit Promised, bool Conditional, bool Critical);

/// <summary>A prerequisite between two matters of the chart.</summary>
public sealed record FlowEdge(string From, string To, EdgeMode Mode, string? Note);

/// <summary>A placed matter: its layer (prerequisite depth), its place within the layer and its top-left corner.</summary>
public sealed record FlowBox(FlowNode Node, int Layer, int Column, double X, double Y, IReadOnlyList<string> NameLines, string DepartmentLine);

/// <summary>A placed arrow from the bottom of one box to the top of another.</summary>
public sealed record FlowArrow(FlowEdge Edge, double X1, double Y1, double X2, double Y2)
{
    /// <summary>A vertical S-curve as an SVG path.</summary>
    public string Path
    {
        get
        {
            var middle = (Y1 + Y2) / 2;
            return string.Create(CultureInfo.InvariantCulture, $"M{X1:0.#},{Y1:0.#} C{X1:0.#},{middle:0.#} {X2:0.#},{middle:0.#} {X2:0.#},{Y2:0.#}");
        }
    }
}

/// <summary>The laid-out chart: boxes, arrows, the size of the drawing and where the legend starts.</summary>
public sealed record FlowLayout(IReadOnlyList<FlowBox> Boxes, IReadOnlyList<FlowArrow> Arrows, double Width, double Height, double LegendY);

/// <summary>
/// Lays out a bundle's matters top to bottom for the guide's flow chart: each matter in the layer of its longest
/// chain of prerequisites (matters without prerequisites first, they start at once), layers centred, a matter
/// placed under the average place of its prerequisites so that arrows rarely cross.
/// </summary>
public static class FlowChart
{
    public const double BoxWidth = 168;
    public const double BoxHeight = 86;
    public const double ColumnGap = 24;
    public const double LayerGap = 56;
    public const double Margin = 8;
    public const double LegendRow = 22;
    public const int LegendRows = 4;

    /// <summary>
    /// The chart of a bundle: every matter it may include; those on <paramref name="criticalPath"/> marked; a layer
    /// wider than <paramref name="maxColumns"/> boxes continues on the next row.
    /// </summary>
    public static FlowLayout For(Bundle bundle, ServiceCatalog catalog, IReadOnlyCollection<string> criticalPath, int maxColumns = 4)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(criticalPath);
        var nodes = new List<FlowNode>();
        foreach (var entry in bundle.Matters)
        {
            if (!catalog.MattersByCode.TryGetValue(entry.Matter, out var matter))
            {
                continue;
            }
            var department = catalog.DepartmentsByCode.TryGetValue(matter.Department, out var d) ? d.Name : matter.Department;
            nodes.Add(new FlowNode(matter.Code, matter.Name, department, entry.Promised ?? matter.PromisedLimit,
                !ReferenceEquals(entry.When, Domain.Conditions.Condition.True), criticalPath.Contains(matter.Code)));
        }
        return Layout(nodes, bundle.Edges.Select(e => new FlowEdge(e.From, e.To, e.Mode, e.Note)).ToList(), maxColumns);
    }

    public static FlowLayout Layout(IReadOnlyList<FlowNode> nodes, IReadOnlyList<FlowEdge> edges, int maxColumns = 4)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxColumns, 1);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(edges);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < nodes.Count; i++)
        {
            index.TryAdd(nodes[i].Code, i);
        }
        var known = edges.Where(e => index.ContainsKey(e.From) && index.ContainsKey(e.To) && e.From != e.To).ToList();

        // Longest-path layering; at most n rounds, so a cycle (which lint forbids) cannot loop forever.
        var layer = new int[nodes.Count];
        for (var round = 0; round < nodes.Count; round++)
        {
            var changed = false;
            foreach (var edge in known)
            {
                var wanted = layer[index[edge.From]] + 1;
                if (layer[index[edge.To]] < wanted && wanted < nodes.Count)
                {
                    layer[index[edge.To]] = wanted;
                    changed = true;
                }
            }
            if (!changed)
            {
                break;
            }
        }

        var layers = nodes.Count == 0 ? 0 : layer.Max() + 1;
        var widest = Enumerable.Range(0, layers).Select(l => layer.Count(x => x == l)).DefaultIfEmpty(1).Max();
        var columns = Math.Max(Math.Min(widest, maxColumns), 2);
        var chartWidth = columns * BoxWidth + (columns - 1) * ColumnGap + 2 * Margin;
        var boxes = new FlowBox[nodes.Count];
        var top = Margin;
        for (var l = 0; l < layers; l++)
        {
            var members = Enumerable.Range(0, nodes.Count).Where(i => layer[i] == l).ToList();
            if (l > 0)
            {
                // Under the average place of the prerequisites; catalog order breaks ties (OrderBy is stable).
                members = members
                    .OrderBy(i => known.Where(e => index[e.To] == i).Select(e => boxes[index[e.From]].X).DefaultIfEmpty(double.MaxValue).Average())
                    .ToList();
            }
            foreach (var row in members.Chunk(maxColumns))
            {
                var left = (chartWidth - (row.Length * BoxWidth + (row.Length - 1) * ColumnGap)) / 2;
                for (var c = 0; c < row.Length; c++)
                {
                    var node = nodes[row[c]];
                    boxes[row[c]] = new FlowBox(node, l, c, left + c * (BoxWidth + ColumnGap), top,
                        Wrap(node.Name, 11, 2), Wrap(node.Department, 13, 1)[0]);
                }
                top += BoxHeight + LayerGap;
            }
        }

        var arrows = new List<FlowArrow>();
        var outgoing = known.ToLookup(e => e.From, StringComparer.Ordinal);
        var incoming = known.ToLookup(e => e.To, StringComparer.Ordinal);
        foreach (var edge in known)
        {
            var from = boxes[index[edge.From]];
            var to = boxes[index[edge.To]];
            var outs = outgoing[edge.From].OrderBy(e => boxes[index[e.To]].X).ToList();
            var ins = incoming[edge.To].OrderBy(e => boxes[index[e.From]].X).ToList();
            arrows.Add(new FlowArrow(edge,
                from.X + BoxWidth * (outs.IndexOf(edge) + 1) / (outs.Count + 1), from.Y + BoxHeight,
                to.X + BoxWidth * (ins.IndexOf(edge) + 1) / (ins.Count + 1), to.Y));
        }

        var legendY = Math.Max(top - LayerGap, Margin) + 20;
        return new FlowLayout(boxes, arrows, chartWidth, legendY + LegendRows * LegendRow + 4, legendY);
    }

    /// <summary>Breaks text into lines of at most <paramref name="units"/> character widths (a Han character is one, a Latin letter about half).</summary>
    internal static IReadOnlyList<string> Wrap(string text, double units, int maxLines)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        double used = 0;
        foreach (var ch in text)
        {
            var width = ch < 0x2E80 ? 0.55 : 1;
            if (used + width > units && current.Length > 0)
            {
                lines.Add(current.ToString());
                current.Clear();
                used = 0;
            }
            current.Append(ch);
            used += width;
        }
        if (current.Length > 0)
        {
            lines.Add(current.ToString());
        }
        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            lines[^1] = lines[^1][..^1] + "…";
        }
        return lines.Count == 0 ? [string.Empty] : lines;
    }
}
