namespace OneGo.Domain.Conditions;

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    /// <summary><c>name in [a, b]</c>: the value equals one of the literals.</summary>
    In,
    /// <summary><c>name contains 'a'</c>: a multi-choice answer includes the option.</summary>
    Contains,
    /// <summary>A bare name used as a condition: true only when the value is boolean true. No literals.</summary>
    IsTrue,
}

/// <summary>
/// One comparison in a condition, always normalised to name-operator-literal: <c>18 &lt;= facts.age</c>
/// is reported as <c>facts.age &gt;= 18</c>.
/// </summary>
public sealed record Comparison(NameReference Name, ComparisonOperator Operator, IReadOnlyList<ConditionValue> Literals)
{
    public override string ToString() => Operator switch
    {
        ComparisonOperator.IsTrue => Name.ToString(),
        ComparisonOperator.In => $"{Name} in [{string.Join(", ", Literals)}]",
        _ => $"{Name} {Symbol(Operator)} {Literals[0]}",
    };

    internal static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.In => "in",
        ComparisonOperator.Contains => "contains",
        ComparisonOperator.IsTrue => "(单独使用)",
    };
}
