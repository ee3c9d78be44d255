namespace OneGo.Domain.Catalog;

/// <summary>The county the platform serves and its government-service hall.</summary>
public sealed record Region
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string FullName { get; init; }
    public string? Postcode { get; init; }
    public required ServiceHall Hall { get; init; }
    public SourceLocation Location { get; init; }
}

public sealed record ServiceHall(string Name, string Address, string Hours, string Phone);

/// <summary>A shared-data source the government already holds (人口库, 法人库, 电子证照库 …).</summary>
public sealed record DataSource
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public string? Provider { get; init; }
    public SourceLocation Location { get; init; }
}

/// <summary>A data-sharing check (共享核验) that can replace a paper material.</summary>
public sealed record DataCheck
{
    public required string Code { get; init; }
    public required string Name { get; init; }
    public required string Source { get; init; }
    public SourceLocation Location { get; init; }
}

public enum FactKind { Boolean, Number, Text }

/// <summary>A fact about the applicant that conditions may test (facts.age, facts.localHukou …).</summary>
public sealed record FactDefinition
{
    public required string Name { get; init; }
    public required string Label { get; init; }
    public required FactKind Kind { get; init; }
    public IReadOnlyList<string> Values { get; init; } = [];
    public SourceLocation Location { get; init; }
}
