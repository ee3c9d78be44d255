namespace OneGo.Domain.Conditions;

/// <summary>The two scopes a condition may read.</summary>
public enum NameScope
{
    /// <summary><c>answers.X</c>: the applicant's answer to question X of the bundle.</summary>
    Answers,
    /// <summary><c>facts.X</c>: a fact about the applicant, e.g. age.</summary>
    Facts,
}

/// <summary>A name used in a condition, such as <c>answers.hukou</c> or <c>facts.age</c>.</summary>
public readonly record struct NameReference(NameScope Scope, string Name)
{
    public override string ToString() => (Scope == NameScope.Answers ? "answers." : "facts.") + Name;
}
