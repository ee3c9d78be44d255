using System.Globalization;
using System.Text;

namespace OneGo.Domain.Conditions;

internal enum TokenKind
{
    Name,
    String,
    Number,
    True,
    False,
    And,
    Or,
    Not,
    In,
    Contains,
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    End,
}

/// <param name="Text">The source text of the token, for messages.</param>
/// <param name="Value">The literal value of String, Number, True and False tokens.</param>
/// <param name="Name">The name of a Name token.</param>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, ConditionValue Value, NameReference Name);

/// <summary>Splits condition text into tokens. Names (<c>answers.x</c>) are single tokens, so no spaces inside them.</summary>
internal static class ConditionTokenizer
{
    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i >= text.Length)
            {
                tokens.Add(new Token(TokenKind.End, text.Length, "", default, default));
                return tokens;
            }

            var start = i;
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            switch (c)
            {
                case '\'' or '"':
                    tokens.Add(ReadString(text, ref i));
                    continue;
                case '(':
                    tokens.Add(Symbol(TokenKind.LeftParen, start, "(", ref i));
                    continue;
                case ')':
                    tokens.Add(Symbol(TokenKind.RightParen, start, ")", ref i));
                    continue;
                case '[':
                    tokens.Add(Symbol(TokenKind.LeftBracket, start, "[", ref i));
                    continue;
                case ']':
                    tokens.Add(Symbol(TokenKind.RightBracket, start, "]", ref i));
                    continue;
                case ',':
                    tokens.Add(Symbol(TokenKind.Comma, start, ",", ref i));
                    continue;
                case '=' when next == '=':
                    tokens.Add(Symbol(TokenKind.Equal, start, "==", ref i));
                    continue;
                case '=':
                    throw new ConditionSyntaxException("无法识别的符号 '='：判断相等请写 '=='", start);
                case '!' when next == '=':
                    tokens.Add(Symbol(TokenKind.NotEqual, start, "!=", ref i));
                    continue;
                case '!':
                    tokens.Add(Symbol(TokenKind.Not, start, "!", ref i));
                    continue;
                case '<' when next == '=':
                    tokens.Add(Symbol(TokenKind.LessOrEqual, start, "<=", ref i));
                    continue;
                case '<':
                    tokens.Add(Symbol(TokenKind.Less, start, "<", ref i));
                    continue;
                case '>' when next == '=':
                    tokens.Add(Symbol(TokenKind.GreaterOrEqual, start, ">=", ref i));
                    continue;
                case '>':
                    tokens.Add(Symbol(TokenKind.Greater, start, ">", ref i));
                    continue;
                case '&' when next == '&':
                    tokens.Add(Symbol(TokenKind.And, start, "&&", ref i));
                    continue;
                case '|' when next == '|':
                    tokens.Add(Symbol(TokenKind.Or, start, "||", ref i));
                    continue;
                case '&' or '|':
                    throw new ConditionSyntaxException($"无法识别的符号 '{c}'：并且请写 'and' 或 '&&'，或者请写 'or' 或 '||'", start);
                case '.':
                    throw new ConditionSyntaxException("无法识别的符号 '.'：只能写 answers.名称 或 facts.名称，不支持成员访问", start);
            }

            if (IsDigit(c) || (c == '-' && IsDigit(next)))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (IsIdentifierStart(c))
            {
                tokens.Add(ReadWord(text, ref i));
            }
            else if (c > 0x7F)
            {
                throw new ConditionSyntaxException($"无法识别的字符 '{c}'：请检查是否误用了中文标点（引号、括号、等号）", start);
            }
            else
            {
                throw new ConditionSyntaxException($"无法识别的字符 '{c}'", start);
            }
        }
    }

    private static Token Symbol(TokenKind kind, int start, string text, ref int i)
    {
        i += text.Length;
        return new Token(kind, start, text, default, default);
    }

    private static Token ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i];
        var builder = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new ConditionSyntaxException($"文本缺少结束引号 {quote}", start);
            }

            var c = text[i];
            if (c == quote)
            {
                i++;
                var value = builder.ToString();
                return new Token(TokenKind.String, start, text[start..i], ConditionValue.Text(value), default);
            }

            if (c == '\\')
            {
                var escaped = i + 1 < text.Length ? text[i + 1] : '\0';
                if (escaped is not ('\'' or '"' or '\\'))
                {
                    throw new ConditionSyntaxException("不支持的转义：'\\' 后面只能是 '、\" 或 \\", i);
                }

                builder.Append(escaped);
                i += 2;
                continue;
            }

            builder.Append(c);
            i++;
        }
    }

    private static Token ReadNumber(string text, ref int i)
    {
        var start = i;
        if (text[i] == '-')
        {
            i++;
        }

        while (i < text.Length && IsDigit(text[i]))
        {
            i++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !IsDigit(text[i]))
            {
                throw new ConditionSyntaxException("数字格式不正确：小数点后面必须有数字", start);
            }

            while (i < text.Length && IsDigit(text[i]))
            {
                i++;
            }
        }

        var source = text[start..i];
        if (!decimal.TryParse(source, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            throw new ConditionSyntaxException($"数字 {source} 超出范围", start);
        }

        return new Token(TokenKind.Number, start, source, ConditionValue.Number(number), default);
    }

    private static Token ReadWord(string text, ref int i)
    {
        var start = i;
        var word = ReadIdentifier(text, ref i);
        switch (word)
        {
            case "and":
                return new Token(TokenKind.And, start, word, default, default);
            case "or":
                return new Token(TokenKind.Or, start, word, default, default);
            case "not":
                return new Token(TokenKind.Not, start, word, default, default);
            case "in":
                return new Token(TokenKind.In, start, word, default, default);
            case "contains":
                return new Token(TokenKind.Contains, start, word, default, default);
            case "true":
                return new Token(TokenKind.True, start, word, ConditionValue.Bool(true), default);
            case "false":
                return new Token(TokenKind.False, start, word, ConditionValue.Bool(false), default);
            case "answers":
                return ReadName(text, ref i, start, NameScope.Answers, word);
            case "facts":
                return ReadName(text, ref i, start, NameScope.Facts, word);
        }

        var lower = word.ToLowerInvariant();
        if (lower is "and" or "or" or "not" or "in" or "contains" or "true" or "false" or "answers" or "facts")
        {
            throw new ConditionSyntaxException($"关键字必须小写：'{word}' 应写作 '{lower}'", start);
        }

        throw new ConditionSyntaxException($"未知的名称 '{word}'：名称必须写成 answers.名称 或 facts.名称", start);
    }

    private static Token ReadName(string text, ref int i, int start, NameScope scope, string word)
    {
        if (i >= text.Length || text[i] != '.')
        {
            throw new ConditionSyntaxException($"'{word}' 后面必须紧跟 '.名称'，例如 {word}.hukou", i);
        }

        i++;
        if (i >= text.Length || !IsIdentifierStart(text[i]))
        {
            throw new ConditionSyntaxException($"'{word}.' 后面必须紧跟名称（字母或下划线开头）", i);
        }

        var name = ReadIdentifier(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            throw new ConditionSyntaxException($"不支持成员访问：{word}.{name} 后面不能再接 '.'", i);
        }

        return new Token(TokenKind.Name, start, text[start..i], default, new NameReference(scope, name));
    }

    private static string ReadIdentifier(string text, ref int i)
    {
        var start = i;
        i++;
        while (i < text.Length && (IsIdentifierStart(text[i]) || IsDigit(text[i])))
        {
            i++;
        }

        return text[start..i];
    }

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsIdentifierStart(char c) => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or '_';
}
