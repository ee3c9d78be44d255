namespace OneGo.Domain.Conditions;

/// <summary>A condition text that is not valid in the condition language. The message is for people, in Chinese.</summary>
public sealed class ConditionSyntaxException : Exception
{
    public ConditionSyntaxException(string message, int position)
        : base(message)
    {
        Position = position;
    }

    public ConditionSyntaxException()
    {
    }

    public ConditionSyntaxException(string message)
        : base(message)
    {
    }

    public ConditionSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>0-based character offset in the condition text where the problem was found.</summary>
    public int Position { get; }
}
