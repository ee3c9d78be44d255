using System.Globalization;
using System.Text;

namespace OneGo.Domain.Conditions;

/// <summary>The kinds of value a condition can read from a scope.</summary>
public enum ConditionValueKind
{
    /// <summary>Not answered / not known. <c>default(ConditionValue)</c> is unset.</summary>
    Unset,
    Bool,
    Number,
    Text,
    /// <summary>The answer to a multi-choice question: the chosen option codes.</summary>
    TextSet,
}

/// <summary>
/// A value read from <see cref="IConditionScope"/> or written as a literal in a condition.
/// A small struct so that evaluation does not allocate.
/// </summary>
public readonly struct ConditionValue : IEquatable<ConditionValue>
{
    private readonly bool _bool;
    private readonly decimal _number;
    // Holds the string (Text) or the collection (TextSet).
    private readonly object? _reference;

    private ConditionValue(ConditionValueKind kind, bool boolValue, decimal number, object? reference)
    {
        Kind = kind;
        _bool = boolValue;
        _number = number;
        _reference = reference;
    }

    public ConditionValueKind Kind { get; }

    public bool IsUnset => Kind == ConditionValueKind.Unset;

    public static ConditionValue Unset => default;

    public static ConditionValue Bool(bool value) => new(ConditionValueKind.Bool, value, 0m, null);

    public static ConditionValue Number(decimal value) => new(ConditionValueKind.Number, false, value, null);

    public static ConditionValue Text(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(ConditionValueKind.Text, false, 0m, value);
    }

    public static ConditionValue TextSet(IReadOnlyCollection<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(ConditionValueKind.TextSet, false, 0m, values);
    }

    public bool AsBool() => Kind == ConditionValueKind.Bool ? _bool : throw WrongKind(ConditionValueKind.Bool);

    public decimal AsNumber() => Kind == ConditionValueKind.Number ? _number : throw WrongKind(ConditionValueKind.Number);

    public string AsText() => Kind == ConditionValueKind.Text ? (string)_reference! : throw WrongKind(ConditionValueKind.Text);

    public IReadOnlyCollection<string> AsTextSet() =>
        Kind == ConditionValueKind.TextSet ? (IReadOnlyCollection<string>)_reference! : throw WrongKind(ConditionValueKind.TextSet);

    /// <summary>True when this is a text set holding <paramref name="code"/>; false for every other kind.</summary>
    public bool SetContains(string code)
    {
        if (Kind != ConditionValueKind.TextSet)
        {
            return false;
        }

        // Prefer the collection's own lookup: no enumerator allocation, and O(1) for sets.
        switch (_reference)
        {
            case IReadOnlySet<string> set:
                return set.Contains(code);
            case ICollection<string> collection:
                return collection.Contains(code);
            default:
                foreach (var item in (IReadOnlyCollection<string>)_reference!)
                {
                    if (string.Equals(item, code, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }

                return false;
        }
    }

    /// <summary>Same kind and same value. Text is compared ordinally; numbers by value (1.0 equals 1).</summary>
    public bool Equals(ConditionValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            ConditionValueKind.Unset => true,
            ConditionValueKind.Bool => _bool == other._bool,
            ConditionValueKind.Number => _number == other._number,
            ConditionValueKind.Text => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            ConditionValueKind.TextSet => SameSet((IReadOnlyCollection<string>)_reference!, other),
        };
    }

    public override bool Equals(object? obj) => obj is ConditionValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        ConditionValueKind.Unset => 0,
        ConditionValueKind.Bool => HashCode.Combine(Kind, _bool),
        ConditionValueKind.Number => HashCode.Combine(Kind, _number),
        ConditionValueKind.Text => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_reference!)),
        ConditionValueKind.TextSet => SetHash((IReadOnlyCollection<string>)_reference!),
    };

    public static bool operator ==(ConditionValue left, ConditionValue right) => left.Equals(right);

    public static bool operator !=(ConditionValue left, ConditionValue right) => !left.Equals(right);

    /// <summary>The value as it would be written in a condition: <c>'text'</c>, <c>16</c>, <c>true</c>.</summary>
    public override string ToString() => Kind switch
    {
        ConditionValueKind.Unset => "(未填写)",
        ConditionValueKind.Bool => _bool ? "true" : "false",
        ConditionValueKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        ConditionValueKind.Text => Quote((string)_reference!),
        ConditionValueKind.TextSet => "[" + string.Join(", ", ((IReadOnlyCollection<string>)_reference!).Select(Quote)) + "]",
    };

    /// <summary>The Chinese name of a kind, for messages ("数字", "文本").</summary>
    internal static string KindName(ConditionValueKind kind) => kind switch
    {
        ConditionValueKind.Unset => "未填写",
        ConditionValueKind.Bool => "布尔值",
        ConditionValueKind.Number => "数字",
        ConditionValueKind.Text => "文本",
        ConditionValueKind.TextSet => "多选答案",
    };

    private static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2).Append('\'');
        foreach (var c in text)
        {
            if (c is '\'' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('\'').ToString();
    }

    private static bool SameSet(IReadOnlyCollection<string> mine, ConditionValue other)
    {
        var theirs = (IReadOnlyCollection<string>)other._reference!;
        var a = new HashSet<string>(mine, StringComparer.Ordinal);
        return a.SetEquals(theirs);
    }

    private static int SetHash(IReadOnlyCollection<string> values)
    {
        // Order-independent, so that equal sets hash alike.
        var hash = (int)ConditionValueKind.TextSet;
        foreach (var value in new HashSet<string>(values, StringComparer.Ordinal))
        {
            hash ^= StringComparer.Ordinal.GetHashCode(value);
        }

        return hash;
    }

    private InvalidOperationException WrongKind(ConditionValueKind wanted) =>
        new($"条件取值是{KindName(Kind)}，不是{KindName(wanted)}");
}
