namespace OneGo.Web.Tests;

public sealed class StylesheetTests
{
    /// <summary>An unclosed block swallows every rule after it (it once hid the guide's print layout).</summary>
    [Fact]
    public void Every_block_of_the_house_stylesheet_is_closed()
    {
        var css = File.ReadAllText(Path.Combine(Artifacts.RepositoryRoot(), "src", "OneGo.Web", "wwwroot", "css", "onego.css"));
        var depth = 0;
        var line = 1;
        foreach (var c in css)
        {
            line += c == '\n' ? 1 : 0;
            depth += c switch { '{' => 1, '}' => -1, _ => 0 };
            Assert.True(depth is >= 0 and <= 2, $"onego.css line {line}: blocks nested {depth} deep");
        }
        Assert.Equal(0, depth);
    }
}
