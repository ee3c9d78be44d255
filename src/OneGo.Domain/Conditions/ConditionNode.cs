namespace OneGo.Domain.Conditions;

/// <summary>
/// A compiled condition: a tree of sealed nodes. Evaluation only reads the scope, never allocates
/// (beyond what the scope itself does) and never throws for any value the scope returns.
/// </summary>
internal abstract class ConditionNode
{
    public abstract bool Evaluate(IConditionScope scope);

    protected static ConditionValue Read(IConditionScope scope, NameReference name) =>
        name.Scope == NameScope.Answers ? scope.Answer(name.Name) : scope.Fact(name.Name);
}

internal sealed class ConstantNode(bool value) : ConditionNode
{
    public static readonly ConstantNode True = new(true);
    public static readonly ConstantNode False = new(false);

    public override bool Evaluate(IConditionScope scope) => value;
}

internal sealed class OrNode(ConditionNode[] operands) : ConditionNode
{
    public override bool Evaluate(IConditionScope scope)
    {
        foreach (var operand in operands)
        {
            if (operand.Evaluate(scope))
            {
                return true;
            }
        }

        return false;
    }
}

internal sealed class AndNode(ConditionNode[] operands) : ConditionNode
{
    public override bool Evaluate(IConditionScope scope)
    {
        foreach (var operand in operands)
        {
            if (!operand.Evaluate(scope))
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed class NotNode(ConditionNode operand) : ConditionNode
{
    public override bool Evaluate(IConditionScope scope) => !operand.Evaluate(scope);
}

/// <summary>A bare name: true only when the value is boolean true (unset, false, or any other kind is false).</summary>
internal sealed class IsTrueNode(NameReference name) : ConditionNode
{
    public override bool Evaluate(IConditionScope scope)
    {
        var value = Read(scope, name);
        return value.Kind == ConditionValueKind.Bool && value.AsBool();
    }
}

internal sealed class EqualNode(NameReference name, ConditionValue literal) : ConditionNode
{
    // Unset, or a value of another kind, is never equal.
    public override bool Evaluate(IConditionScope scope) => Read(scope, name).Equals(literal);
}

internal sealed class NotEqualNode(NameReference name, ConditionValue literal) : ConditionNode
{
    // The exact negation of ==: an unset answer is "not equal" to anything.
    public override bool Evaluate(IConditionScope scope) => !Read(scope, name).Equals(literal);
}

/// <summary>&lt;, &lt;=, &gt;, &gt;= : numbers only; unset or any other kind is false.</summary>
internal sealed class OrderNode(NameReference name, ComparisonOperator op, decimal literal) : ConditionNode
{
    public override bool Evaluate(IConditionScope scope)
    {
        var value = Read(scope, name);
        if (value.Kind != ConditionValueKind.Number)
        {
            return false;
        }

        var number = value.AsNumber();
        return op switch
        {
            ComparisonOperator.Less => number < literal,
            ComparisonOperator.LessOrEqual => number <= literal,
            ComparisonOperator.Greater => number > literal,
            ComparisonOperator.GreaterOrEqual => number >= literal,
            _ => false,
        };
    }
}

internal sealed class InNode(NameReference name, ConditionValue[] literals) : ConditionNode
{
    public override bool Evaluate(IConditionScope scope)
    {
        var value = Read(scope, name);
        foreach (var literal in literals)
        {
            if (value.Equals(literal))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary><c>contains 'x'</c>: a text set holding x. Unset, or any other kind, is false.</summary>
internal sealed class ContainsNode(NameReference name, string code) : ConditionNode
{
    public override bool Evaluate(IConditionScope scope) => Read(scope, name).SetContains(code);
}
