using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;
using OneGo.Web.Features.Guidance;

namespace OneGo.Web.Tests.Guidance;

public class FlowChartTests
{
    private static FlowNode Node(string code) => new(code, "事项" + code, "部门", new TimeLimit(3, LimitUnit.WorkingDays), false, false);

    [Fact]
    public void Layout_PutsEachMatterInTheLayerOfItsLongestPrerequisiteChain()
    {
        // a → b → d, a → d (skips a layer), c alone, c ⇢ e (pre-review).
        var layout = FlowChart.Layout(
            [Node("a"), Node("b"), Node("c"), Node("d"), Node("e")],
            [new("a", "b", EdgeMode.Strict, null), new("b", "d", EdgeMode.Strict, null), new("a", "d", EdgeMode.Strict, null), new("c", "e", EdgeMode.Prereview, null)]);
        var box = layout.Boxes.ToDictionary(b => b.Node.Code);

        Assert.Equal([0, 1, 0, 2, 1], layout.Boxes.Select(b => b.Layer));
        Assert.Equal(box["a"].Y, box["c"].Y);
        Assert.Equal(box["b"].Y, box["e"].Y);
        Assert.Equal(FlowChart.BoxHeight + FlowChart.LayerGap, box["b"].Y - box["a"].Y);
        Assert.True(box["a"].X < box["c"].X);
        // b sits under a and e under c, so the arrows of the second layer do not cross.
        Assert.True(box["b"].X < box["e"].X);
        // The single box of the last layer is centred.
        Assert.Equal(layout.Width / 2, box["d"].X + FlowChart.BoxWidth / 2, 3);
    }

    [Fact]
    public void Arrows_RunFromTheBottomOfThePrerequisiteToTheTopOfTheDependent_SpreadAlongTheBox()
    {
        var layout = FlowChart.Layout(
            [Node("a"), Node("b"), Node("c")],
            [new("a", "b", EdgeMode.Strict, null), new("a", "c", EdgeMode.Prereview, "预审")]);
        var box = layout.Boxes.ToDictionary(b => b.Node.Code);

        Assert.Equal(2, layout.Arrows.Count);
        var toB = layout.Arrows.Single(a => a.Edge.To == "b");
        var toC = layout.Arrows.Single(a => a.Edge.To == "c");
        Assert.Equal(box["a"].Y + FlowChart.BoxHeight, toB.Y1);
        Assert.Equal(box["b"].Y, toB.Y2);
        Assert.Equal(box["b"].X + FlowChart.BoxWidth / 2, toB.X2);
        Assert.True(toB.X1 < toC.X1, "two arrows leave a box at two different points");
        Assert.Equal(EdgeMode.Prereview, toC.Edge.Mode);
        Assert.StartsWith("M", toB.Path, StringComparison.Ordinal);
        Assert.True(layout.LegendY > box["c"].Y + FlowChart.BoxHeight);
        Assert.True(layout.Height > layout.LegendY);
    }

    [Fact]
    public void Edges_ToUnknownMatters_AreIgnored_AndLongNamesWrapOnTwoLines()
    {
        var layout = FlowChart.Layout(
            [new FlowNode("a", "城乡居民基本医疗保险参保登记及其他很长很长很长很长的事项名称和附加说明", "部门", new TimeLimit(1, LimitUnit.WorkingDays), true, true)],
            [new("x", "a", EdgeMode.Strict, null)]);

        Assert.Empty(layout.Arrows);
        Assert.Equal(0, layout.Boxes[0].Layer);
        Assert.Equal(2, layout.Boxes[0].NameLines.Count);
        Assert.EndsWith("…", layout.Boxes[0].NameLines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void ALayerWiderThanTheChart_ContinuesOnTheNextRow()
    {
        var layout = FlowChart.Layout([Node("a"), Node("b"), Node("c"), Node("d"), Node("e")], [], maxColumns: 2);

        Assert.All(layout.Boxes, b => Assert.Equal(0, b.Layer));
        Assert.Equal(3, layout.Boxes.Select(b => b.Y).Distinct().Count());
        Assert.Equal([0, 1, 0, 1, 0], layout.Boxes.Select(b => b.Column));
        Assert.Equal(2 * FlowChart.BoxWidth + FlowChart.ColumnGap + 2 * FlowChart.Margin, layout.Width);
        Assert.Equal(layout.Width / 2, layout.Boxes[4].X + FlowChart.BoxWidth / 2, 3); // the last one alone, centred
    }

    [Fact]
    public void NewbornChart_HasSixMattersInThreeLayers()
    {
        var catalog = RepositoryCatalog.Catalog;
        var layout = FlowChart.For(catalog.BundlesByCode["newborn"], catalog, ["birth-medical-certificate", "birth-registration"]);

        Assert.Equal(6, layout.Boxes.Count);
        Assert.Equal(4, layout.Arrows.Count);
        Assert.Equal(3, layout.Boxes.Select(b => b.Layer).Distinct().Count());
        Assert.Equal(2, layout.Boxes.Count(b => b.Node.Critical));
        Assert.True(layout.Boxes.Single(b => b.Node.Code == "social-security-card").Node.Conditional);
    }
}
