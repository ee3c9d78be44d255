using OneGo.Domain.Conditions;

namespace OneGo.Domain.Catalog;

/// <summary>One reachable combination of answers and fact values of a bundle.</summary>
public sealed class Scenario
{
    private readonly ScenarioScope scope;

    internal Scenario(ScenarioScope scope, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, bool stopped)
    {
        this.scope = scope;
        Answers = answers;
        Stopped = stopped;
    }

    /// <summary>The answers given, as the Planner takes them (only the questions that were asked).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Answers { get; }

    /// <summary>The fact values of this scenario (unset facts are absent).</summary>
    public IReadOnlyDictionary<string, ConditionValue> Facts => new Dictionary<string, ConditionValue>(scope.Facts, StringComparer.Ordinal);

    /// <summary>True when an answer stopped the bundle.</summary>
    public bool Stopped { get; }

    /// <summary>Evaluates conditions as in this scenario. Valid only during the callback.</summary>
    public IConditionScope Scope => scope;
}

/// <summary>
/// Enumerates every reachable scenario of a bundle: each asked question's available options (respecting
/// question and option conditions; a stop option ends the scenario) crossed with representative values of
/// the facts the bundle tests. Conditions compare a name with constants only, so these values decide every
/// condition exactly (docs/conditions.md).
/// </summary>
public static class ScenarioSpace
{
    /// <summary>Calls <paramref name="visit"/> for each scenario; false when it stopped at <paramref name="max"/>.</summary>
    public static bool Enumerate(ServiceCatalog catalog, Bundle bundle, int max, Action<Scenario> visit)
    {
        var conditions = bundle.Questions.SelectMany(q => q.Options.Select(o => o.When).Append(q.When))
            .Concat(bundle.Matters.SelectMany(m => m.Fields.Select(r => r.When).Concat(m.Materials.Select(r => r.When)).Append(m.When)))
            .ToList();
        var factDomains = FactDomains(catalog, conditions);
        var scope = new ScenarioScope();
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var count = 0;
        var truncated = false;

        void Emit(bool stopped)
        {
            if (++count > max)
            {
                truncated = true;
                return;
            }
            visit(new Scenario(scope, new Dictionary<string, IReadOnlyList<string>>(answers, StringComparer.Ordinal), stopped));
        }

        void Questions(int index)
        {
            if (truncated)
            {
                return;
            }
            if (index == bundle.Questions.Count)
            {
                Emit(stopped: false);
                return;
            }
            var question = bundle.Questions[index];
            if (!question.When.Evaluate(scope))
            {
                Questions(index + 1);
                return;
            }
            var available = question.Options.Where(o => o.When.Evaluate(scope)).ToList();
            foreach (var selection in Selections(question, available))
            {
                if (question.Multiple && selection.Count < question.MinChoices)
                {
                    continue;
                }
                answers[question.Id] = selection.Select(o => o.Code).ToArray();
                if (selection.Any(o => o.Stop is not null))
                {
                    Emit(stopped: true); // the bundle stops here: nothing after this answer applies
                    continue;
                }
                scope.Answers[question.Id] = question.Multiple
                    ? ConditionValue.TextSet(selection.Select(o => o.Code).ToArray())
                    : ConditionValue.Text(selection[0].Code);
                Questions(index + 1);
                scope.Answers.Remove(question.Id);
            }
            answers.Remove(question.Id);
        }

        void Facts(int index)
        {
            if (index == factDomains.Count)
            {
                Questions(0);
                return;
            }
            var (fact, values) = factDomains[index];
            foreach (var value in values)
            {
                if (value.IsUnset)
                {
                    scope.Facts.Remove(fact);
                }
                else
                {
                    scope.Facts[fact] = value;
                }
                Facts(index + 1);
            }
            scope.Facts.Remove(fact);
        }

        Facts(0);
        return !truncated;
    }

    private static IEnumerable<List<QuestionOption>> Selections(Question question, List<QuestionOption> available)
    {
        if (!question.Multiple)
        {
            foreach (var option in available)
            {
                yield return [option];
            }
            yield break;
        }
        if (available.Count > 10)
        {
            // Every option still gets chosen once, alone and all together.
            yield return [];
            foreach (var option in available)
            {
                yield return [option];
            }
            yield return available;
            yield break;
        }
        for (var mask = 0; mask < 1 << available.Count; mask++)
        {
            var subset = new List<QuestionOption>();
            for (var i = 0; i < available.Count; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    subset.Add(available[i]);
                }
            }
            yield return subset;
        }
    }

    private static List<(string Fact, List<ConditionValue> Values)> FactDomains(ServiceCatalog catalog, List<Condition> conditions)
    {
        var domains = new List<(string, List<ConditionValue>)>();
        foreach (var fact in conditions.SelectMany(c => c.Names).Where(n => n.Scope == NameScope.Facts).Select(n => n.Name).Distinct())
        {
            if (!catalog.FactsByName.TryGetValue(fact, out var definition))
            {
                continue;
            }
            var literals = conditions.SelectMany(c => c.Comparisons).Where(c => c.Name.Scope == NameScope.Facts && c.Name.Name == fact).SelectMany(c => c.Literals).ToList();
            var values = new List<ConditionValue> { ConditionValue.Unset };
            switch (definition.Kind)
            {
                case FactKind.Boolean:
                    values.Add(ConditionValue.Bool(true));
                    values.Add(ConditionValue.Bool(false));
                    break;
                case FactKind.Number:
                    foreach (var n in literals.Where(l => l.Kind == ConditionValueKind.Number).Select(l => l.AsNumber()).Distinct())
                    {
                        values.Add(ConditionValue.Number(n - 1));
                        values.Add(ConditionValue.Number(n));
                        values.Add(ConditionValue.Number(n + 1));
                    }
                    break;
                case FactKind.Text:
                    foreach (var t in literals.Where(l => l.Kind == ConditionValueKind.Text).Select(l => l.AsText()).Concat(definition.Values).Append("\u0000other").Distinct())
                    {
                        values.Add(ConditionValue.Text(t));
                    }
                    break;
            }
            domains.Add((fact, values));
        }
        return domains;
    }
}

internal sealed class ScenarioScope : IConditionScope
{
    public Dictionary<string, ConditionValue> Answers { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, ConditionValue> Facts { get; } = new(StringComparer.Ordinal);

    public ConditionValue Answer(string question) => Answers.TryGetValue(question, out var v) ? v : ConditionValue.Unset;

    public ConditionValue Fact(string name) => Facts.TryGetValue(name, out var v) ? v : ConditionValue.Unset;
}
