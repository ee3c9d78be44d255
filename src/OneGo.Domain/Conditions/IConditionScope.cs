namespace OneGo.Domain.Conditions;

/// <summary>
/// The only things a condition can read: the applicant's answers to the bundle's questions, and facts
/// known about the applicant (age, residence…). Return <see cref="ConditionValue.Unset"/> for anything unknown.
/// </summary>
public interface IConditionScope
{
    ConditionValue Answer(string question);

    ConditionValue Fact(string name);
}
