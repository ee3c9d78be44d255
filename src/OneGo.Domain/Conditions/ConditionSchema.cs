namespace OneGo.Domain.Conditions;

public enum FactType
{
    Boolean,
    Number,
    Text,
}

/// <summary>A problem found by <see cref="Condition.Check"/>, described in Chinese for the catalog author.</summary>
public sealed record ConditionProblem(string Message);

/// <summary>The names a condition may use and their types: the bundle's questions and the known facts.</summary>
public sealed class ConditionSchema
{
    private readonly Dictionary<string, QuestionDeclaration> _questions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FactDeclaration> _facts = new(StringComparer.Ordinal);

    /// <param name="multiple">True for a multi-choice question, whose answer is a set of option codes.</param>
    public void AddQuestion(string id, IReadOnlyCollection<string> optionCodes, bool multiple)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(optionCodes);
        if (!_questions.TryAdd(id, new QuestionDeclaration(new HashSet<string>(optionCodes, StringComparer.Ordinal), multiple)))
        {
            throw new ArgumentException($"情形问题 answers.{id} 重复声明", nameof(id));
        }
    }

    /// <param name="allowedValues">For text facts, the only values the fact can take; null when any text is possible.</param>
    public void AddFact(string name, FactType type, IReadOnlyCollection<string>? allowedValues = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (allowedValues is not null && type != FactType.Text)
        {
            throw new ArgumentException($"只有文本事实才能限定取值，facts.{name} 不是文本", nameof(allowedValues));
        }

        var allowed = allowedValues is null ? null : new HashSet<string>(allowedValues, StringComparer.Ordinal);
        if (!_facts.TryAdd(name, new FactDeclaration(type, allowed)))
        {
            throw new ArgumentException($"事实 facts.{name} 重复声明", nameof(name));
        }
    }

    internal bool TryGetQuestion(string id, out QuestionDeclaration question) => _questions.TryGetValue(id, out question!);

    internal bool TryGetFact(string name, out FactDeclaration fact) => _facts.TryGetValue(name, out fact!);

    internal sealed record QuestionDeclaration(HashSet<string> OptionCodes, bool Multiple);

    internal sealed record FactDeclaration(FactType Type, HashSet<string>? AllowedValues);
}
