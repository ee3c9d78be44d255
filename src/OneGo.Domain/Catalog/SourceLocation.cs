namespace OneGo.Domain.Catalog;

/// <summary>Where a catalog element was written, so that lint can point authors at the file and line.</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public static SourceLocation None { get; } = new("", 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
