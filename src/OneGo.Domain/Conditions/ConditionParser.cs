namespace OneGo.Domain.Conditions;

/// <summary>
/// Recursive-descent parser for the condition language (grammar in docs/conditions.md). Builds the
/// evaluation tree and, on the way, the names and comparisons used.
/// </summary>
internal sealed class ConditionParser
{
    public const int MaxLength = 2000;
    public const int MaxDepth = 32;

    private const string SidesMessage = "比较的一侧必须是名称，另一侧必须是常量";

    private readonly List<Token> _tokens;
    private readonly List<NameReference> _names = [];
    private readonly List<Comparison> _comparisons = [];
    private int _index;

    private ConditionParser(List<Token> tokens)
    {
        _tokens = tokens;
    }

    public static (ConditionNode Root, IReadOnlyList<NameReference> Names, IReadOnlyList<Comparison> Comparisons) Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new ConditionSyntaxException($"条件过长：最多 {MaxLength} 个字符，现有 {text.Length} 个", MaxLength);
        }

        var parser = new ConditionParser(ConditionTokenizer.Tokenize(text));
        if (parser.Current.Kind == TokenKind.End)
        {
            throw new ConditionSyntaxException("条件为空", 0);
        }

        var root = parser.ParseOr(0);
        if (parser.Current.Kind != TokenKind.End)
        {
            throw new ConditionSyntaxException(
                $"多余的内容 '{parser.Current.Text}'：条件应在此结束，或用 and / or 连接下一个条件", parser.Current.Position);
        }

        return (root, parser._names.ToArray(), parser._comparisons.ToArray());
    }

    private Token Current => _tokens[_index];

    private Token Advance() => _tokens[_index++];

    // orExpr := andExpr ('or' andExpr)*
    private ConditionNode ParseOr(int depth)
    {
        var first = ParseAnd(depth);
        if (Current.Kind != TokenKind.Or)
        {
            return first;
        }

        var operands = new List<ConditionNode> { first };
        while (Current.Kind == TokenKind.Or)
        {
            Advance();
            operands.Add(ParseAnd(depth));
        }

        return new OrNode(operands.ToArray());
    }

    // andExpr := notExpr ('and' notExpr)*
    private ConditionNode ParseAnd(int depth)
    {
        var first = ParseNot(depth);
        if (Current.Kind != TokenKind.And)
        {
            return first;
        }

        var operands = new List<ConditionNode> { first };
        while (Current.Kind == TokenKind.And)
        {
            Advance();
            operands.Add(ParseNot(depth));
        }

        return new AndNode(operands.ToArray());
    }

    // notExpr := 'not' notExpr | comparison
    private ConditionNode ParseNot(int depth)
    {
        if (Current.Kind != TokenKind.Not)
        {
            return ParseComparison(depth);
        }

        var not = Advance();
        return new NotNode(ParseNot(Deeper(depth, not)));
    }

    // comparison := operand (op operand | 'in' list | 'contains' literal)?, restricted to name-vs-literal.
    private ConditionNode ParseComparison(int depth)
    {
        var first = Current;
        switch (first.Kind)
        {
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseOr(Deeper(depth, first));
                if (Current.Kind != TokenKind.RightParen)
                {
                    throw new ConditionSyntaxException(
                        $"缺少右括号 ')'，与第 {first.Position} 个字符处的 '(' 对应", Current.Position);
                }

                Advance();
                if (IsComparisonOperator(Current.Kind) || Current.Kind is TokenKind.In or TokenKind.Contains)
                {
                    throw new ConditionSyntaxException(SidesMessage, Current.Position);
                }

                return inner;

            case TokenKind.Name:
                Advance();
                return ParseAfterName(first);

            case TokenKind.String or TokenKind.Number or TokenKind.True or TokenKind.False:
                Advance();
                return ParseAfterLiteral(first);

            case TokenKind.End:
                throw new ConditionSyntaxException("条件不完整：此处缺少名称或常量", first.Position);

            default:
                throw new ConditionSyntaxException($"此处应为名称、常量或 '('，而不是 '{first.Text}'", first.Position);
        }
    }

    private ConditionNode ParseAfterName(Token nameToken)
    {
        var name = nameToken.Name;
        AddName(name);
        var op = Current;
        if (op.Kind == TokenKind.LeftParen)
        {
            throw new ConditionSyntaxException($"不支持函数调用：{name} 后面不能接 '('", op.Position);
        }

        if (IsComparisonOperator(op.Kind))
        {
            Advance();
            var right = Current;
            if (!IsLiteral(right.Kind))
            {
                throw OperandError(op, right, expectName: false);
            }

            Advance();
            return Compare(name, ToOperator(op.Kind), right.Value);
        }

        if (op.Kind == TokenKind.In)
        {
            Advance();
            return In(name, ParseList(op));
        }

        if (op.Kind == TokenKind.Contains)
        {
            Advance();
            var right = Current;
            if (!IsLiteral(right.Kind))
            {
                throw OperandError(op, right, expectName: false);
            }

            Advance();
            _comparisons.Add(new Comparison(name, ComparisonOperator.Contains, [right.Value]));
            return right.Value.Kind == ConditionValueKind.Text
                ? new ContainsNode(name, right.Value.AsText())
                : ConstantNode.False;
        }

        _comparisons.Add(new Comparison(name, ComparisonOperator.IsTrue, []));
        return new IsTrueNode(name);
    }

    private ConditionNode ParseAfterLiteral(Token literal)
    {
        var op = Current;
        if (IsComparisonOperator(op.Kind))
        {
            Advance();
            var right = Current;
            if (right.Kind != TokenKind.Name)
            {
                throw OperandError(op, right, expectName: true);
            }

            Advance();
            AddName(right.Name);
            if (Current.Kind == TokenKind.LeftParen)
            {
                throw new ConditionSyntaxException($"不支持函数调用：{right.Name} 后面不能接 '('", Current.Position);
            }

            // Written literal-first ("18 <= facts.age"); recorded name-first ("facts.age >= 18").
            return Compare(right.Name, Flip(ToOperator(op.Kind)), literal.Value);
        }

        if (op.Kind is TokenKind.In or TokenKind.Contains)
        {
            throw new ConditionSyntaxException($"'{op.Text}' 的左侧必须是名称（answers.名称 或 facts.名称）", op.Position);
        }

        return literal.Kind switch
        {
            TokenKind.True => ConstantNode.True,
            TokenKind.False => ConstantNode.False,
            _ => throw new ConditionSyntaxException(
                $"常量 {literal.Text} 不能单独作为条件：请与名称比较，例如 answers.kind == {literal.Text}", literal.Position),
        };
    }

    // list := '[' literal (',' literal)* ']'
    private ConditionValue[] ParseList(Token inToken)
    {
        if (Current.Kind != TokenKind.LeftBracket)
        {
            throw new ConditionSyntaxException("'in' 后面应为列表，例如 ['new', 'renew']", Current.Position);
        }

        var open = Advance();
        if (Current.Kind == TokenKind.RightBracket)
        {
            throw new ConditionSyntaxException("'in' 的列表不能为空", Current.Position);
        }

        var literals = new List<ConditionValue>();
        while (true)
        {
            var item = Current;
            if (!IsLiteral(item.Kind))
            {
                throw item.Kind == TokenKind.Name
                    ? new ConditionSyntaxException(SidesMessage, item.Position)
                    : new ConditionSyntaxException($"列表中此处应为常量，而不是 '{Describe(item)}'", item.Position);
            }

            Advance();
            literals.Add(item.Value);
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }

            if (Current.Kind == TokenKind.RightBracket)
            {
                Advance();
                return literals.ToArray();
            }

            throw new ConditionSyntaxException(
                $"列表缺少 ']' 或 ','（列表从第 {open.Position} 个字符开始，属于第 {inToken.Position} 个字符处的 'in'）", Current.Position);
        }
    }

    private ConditionNode Compare(NameReference name, ComparisonOperator op, ConditionValue literal)
    {
        _comparisons.Add(new Comparison(name, op, [literal]));
        return op switch
        {
            ComparisonOperator.Equal => new EqualNode(name, literal),
            ComparisonOperator.NotEqual => new NotEqualNode(name, literal),
            // Ordering against a non-number literal can never hold (the check reports it).
            _ when literal.Kind != ConditionValueKind.Number => ConstantNode.False,
            _ => new OrderNode(name, op, literal.AsNumber()),
        };
    }

    private InNode In(NameReference name, ConditionValue[] literals)
    {
        _comparisons.Add(new Comparison(name, ComparisonOperator.In, literals));
        return new InNode(name, literals);
    }

    private void AddName(NameReference name)
    {
        if (!_names.Contains(name))
        {
            _names.Add(name);
        }
    }

    private static int Deeper(int depth, Token opening)
    {
        if (depth + 1 > MaxDepth)
        {
            throw new ConditionSyntaxException($"嵌套过深：括号和 not 最多嵌套 {MaxDepth} 层", opening.Position);
        }

        return depth + 1;
    }

    private static ConditionSyntaxException OperandError(Token op, Token right, bool expectName)
    {
        if (right.Kind == TokenKind.End)
        {
            return new ConditionSyntaxException(
                $"'{op.Text}' 后面缺少{(expectName ? "名称" : "常量")}", right.Position);
        }

        if (right.Kind == TokenKind.Name || IsLiteral(right.Kind) || right.Kind == TokenKind.LeftParen)
        {
            return new ConditionSyntaxException(SidesMessage, right.Position);
        }

        return new ConditionSyntaxException(
            $"'{op.Text}' 后面应为{(expectName ? "名称" : "常量")}，而不是 '{right.Text}'", right.Position);
    }

    private static string Describe(Token token) => token.Kind == TokenKind.End ? "条件结尾" : token.Text;

    private static bool IsLiteral(TokenKind kind) =>
        kind is TokenKind.String or TokenKind.Number or TokenKind.True or TokenKind.False;

    private static bool IsComparisonOperator(TokenKind kind) =>
        kind is TokenKind.Equal or TokenKind.NotEqual or TokenKind.Less or TokenKind.LessOrEqual
            or TokenKind.Greater or TokenKind.GreaterOrEqual;

    private static ComparisonOperator ToOperator(TokenKind kind) => kind switch
    {
        TokenKind.Equal => ComparisonOperator.Equal,
        TokenKind.NotEqual => ComparisonOperator.NotEqual,
        TokenKind.Less => ComparisonOperator.Less,
        TokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
        TokenKind.Greater => ComparisonOperator.Greater,
        TokenKind.GreaterOrEqual => ComparisonOperator.GreaterOrEqual,
        _ => throw new InvalidOperationException($"不是比较运算符：{kind}"),
    };

    private static ComparisonOperator Flip(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Less => ComparisonOperator.Greater,
        ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Greater => ComparisonOperator.Less,
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
        _ => op,
    };
}
