namespace OneGo.Domain.Catalog;

public enum FieldType { Text, LongText, Date, Enum, IdNumber, CreditCode, Phone, Address, Money, Number, Boolean }

public sealed record FieldOption(string Code, string Label);

/// <summary>A form section; a field belongs to the section named by the first segment of its key.</summary>
public sealed record FormSection
{
    public required string Code { get; init; }
    public required string Label { get; init; }
    public int Order { get; init; }
    public SourceLocation Location { get; init; }
}

/// <summary>One canonical datum of the field dictionary (颗粒化梳理表单项): every matter that needs it names the same key.</summary>
public sealed record FieldDefinition
{
    public required string Key { get; init; }
    public required string Label { get; init; }
    public required FieldType Type { get; init; }
    public IReadOnlyList<FieldOption> Options { get; init; } = [];
    public int? MaxLength { get; init; }
    public string? Pattern { get; init; }
    public string? PatternMessage { get; init; }
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    /// <summary>Shared-data attribute that prefills the field, e.g. <c>population.name</c>.</summary>
    public string? Prefill { get; init; }
    public string? Help { get; init; }
    public SourceLocation Location { get; init; }

    public string Section => Key.Split('.', 2)[0];
}
