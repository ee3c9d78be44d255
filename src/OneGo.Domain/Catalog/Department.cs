namespace OneGo.Domain.Catalog;

public sealed record Department
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    /// <summary>Unified social credit code; the department signs its licenses under it.</summary>
    public required string CreditCode { get; init; }
    public string? Window { get; init; }
    public string? Phone { get; init; }
    public SourceLocation Location { get; init; }
}
