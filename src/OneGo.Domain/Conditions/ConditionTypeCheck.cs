namespace OneGo.Domain.Conditions;

/// <summary>
/// The type rules of the condition language. Because every comparison is name-vs-literal, checking each
/// comparison against the declared type of its name is the whole analysis.
/// </summary>
internal static class ConditionTypeCheck
{
    public static IReadOnlyList<ConditionProblem> Check(IReadOnlyList<Comparison> comparisons, ConditionSchema schema)
    {
        var messages = new List<string>();
        foreach (var comparison in comparisons)
        {
            if (comparison.Name.Scope == NameScope.Answers)
            {
                CheckQuestion(comparison, schema, messages);
            }
            else
            {
                CheckFact(comparison, schema, messages);
            }
        }

        // A name used in several comparisons would repeat the same message.
        return messages.Distinct(StringComparer.Ordinal).Select(message => new ConditionProblem(message)).ToArray();
    }

    private static void CheckQuestion(Comparison comparison, ConditionSchema schema, List<string> messages)
    {
        var name = comparison.Name;
        if (!schema.TryGetQuestion(name.Name, out var question))
        {
            messages.Add($"未知的情形问题：{name}");
            return;
        }

        var op = comparison.Operator;
        if (question.Multiple)
        {
            if (op != ComparisonOperator.Contains)
            {
                messages.Add($"多选问题 {name} 应使用 contains，例如 {name} contains '选项代码'");
                return;
            }
        }
        else
        {
            switch (op)
            {
                case ComparisonOperator.Contains:
                    messages.Add($"单选问题 {name} 不能使用 contains，请使用 == 或 in");
                    return;
                case ComparisonOperator.IsTrue:
                    messages.Add($"单选问题 {name} 不能单独作为条件，请写成 {name} == '选项代码'");
                    return;
                case ComparisonOperator.Less or ComparisonOperator.LessOrEqual
                    or ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual:
                    messages.Add($"{name} 的答案是选项，不是数字，不能使用 {Comparison.Symbol(op)}");
                    return;
            }
        }

        foreach (var literal in comparison.Literals)
        {
            if (literal.Kind != ConditionValueKind.Text)
            {
                messages.Add($"{name} 的答案是选项代码（文本），不能与{ConditionValue.KindName(literal.Kind)} {literal} 比较");
            }
            else if (!question.OptionCodes.Contains(literal.AsText()))
            {
                messages.Add($"问题 {name} 没有选项 {literal}");
            }
        }
    }

    private static void CheckFact(Comparison comparison, ConditionSchema schema, List<string> messages)
    {
        var name = comparison.Name;
        if (!schema.TryGetFact(name.Name, out var fact))
        {
            messages.Add($"未知的事实：{name}");
            return;
        }

        var op = comparison.Operator;
        switch (fact.Type)
        {
            case FactType.Boolean:
                if (op is not (ComparisonOperator.IsTrue or ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                {
                    messages.Add($"{name} 是布尔值，只能单独作为条件，或用 == / != 与 true、false 比较");
                    return;
                }

                RequireLiteralKind(comparison, ConditionValueKind.Bool, "布尔值", messages);
                return;

            case FactType.Number:
                if (op == ComparisonOperator.IsTrue)
                {
                    messages.Add($"{name} 是数字，不能单独作为条件，请写成比较，例如 {name} >= 18");
                    return;
                }

                if (op == ComparisonOperator.Contains)
                {
                    messages.Add($"{name} 是数字，不能使用 contains");
                    return;
                }

                RequireLiteralKind(comparison, ConditionValueKind.Number, "数字", messages);
                return;

            case FactType.Text:
                switch (op)
                {
                    case ComparisonOperator.IsTrue:
                        messages.Add($"{name} 是文本，不能单独作为条件，请写成 {name} == '取值'");
                        return;
                    case ComparisonOperator.Contains:
                        messages.Add($"{name} 是文本，不能使用 contains，请使用 == 或 in");
                        return;
                    case ComparisonOperator.Less or ComparisonOperator.LessOrEqual
                        or ComparisonOperator.Greater or ComparisonOperator.GreaterOrEqual:
                        messages.Add($"{name} 是文本，不能使用 {Comparison.Symbol(op)}（只有数字可以比较大小）");
                        return;
                }

                if (!RequireLiteralKind(comparison, ConditionValueKind.Text, "文本", messages) || fact.AllowedValues is null)
                {
                    return;
                }

                foreach (var literal in comparison.Literals)
                {
                    if (!fact.AllowedValues.Contains(literal.AsText()))
                    {
                        messages.Add($"事实 {name} 没有取值 {literal}");
                    }
                }

                return;
        }
    }

    /// <returns>True when every literal has the wanted kind.</returns>
    private static bool RequireLiteralKind(Comparison comparison, ConditionValueKind wanted, string typeName, List<string> messages)
    {
        var ok = true;
        foreach (var literal in comparison.Literals)
        {
            if (literal.Kind != wanted)
            {
                messages.Add($"{comparison.Name} 是{typeName}，不能与{ConditionValue.KindName(literal.Kind)}比较（{literal}）");
                ok = false;
            }
        }

        return ok;
    }
}
