using System.Globalization;
using OneGo.Domain.Conditions;

namespace OneGo.Domain.Tests.Conditions;

public class ConditionParserTests
{
    private const string SidesMessage = "比较的一侧必须是名称，另一侧必须是常量";

    [Theory]
    [InlineData("", 0, "条件为空")]
    [InlineData("   ", 0, "条件为空")]
    // Unterminated strings point at the opening quote.
    [InlineData("answers.a == 'abc", 13, "缺少结束引号")]
    [InlineData("answers.a == \"abc", 13, "缺少结束引号")]
    [InlineData("answers.a == 'abc\\'", 13, "缺少结束引号")]
    [InlineData("answers.a == 'a\\nb'", 15, "不支持的转义")]
    // Unknown tokens.
    [InlineData("answers.a == 'x' # y", 17, "无法识别的字符 '#'")]
    [InlineData("answers.a = 'x'", 10, "'=='")]
    [InlineData("facts.a & facts.b", 8, "无法识别的符号 '&'")]
    [InlineData("facts.a | facts.b", 8, "无法识别的符号 '|'")]
    [InlineData("answers.a == ‘x’", 13, "中文标点")]
    [InlineData("facts.age == - 1", 13, "无法识别的字符 '-'")]
    [InlineData("facts.age + 1 > 2", 10, "无法识别的字符 '+'")]
    [InlineData("hukou == 'x'", 0, "未知的名称 'hukou'")]
    [InlineData("facts.a AND facts.b", 8, "关键字必须小写")]
    [InlineData("facts.a == True", 11, "关键字必须小写")]
    // Numbers.
    [InlineData("facts.age == 1.", 13, "小数点后面必须有数字")]
    [InlineData("facts.age == .5", 13, "无法识别的符号 '.'")]
    [InlineData("facts.age == 99999999999999999999999999999999", 13, "超出范围")]
    // Names must be answers.X or facts.X, written without spaces.
    [InlineData("answers == 'x'", 7, "'answers' 后面必须紧跟 '.名称'")]
    [InlineData("answers", 7, "'answers' 后面必须紧跟 '.名称'")]
    [InlineData("facts", 5, "'facts' 后面必须紧跟 '.名称'")]
    [InlineData("answers. == 'x'", 8, "'answers.' 后面必须紧跟名称")]
    [InlineData("answers.1x == 'x'", 8, "'answers.' 后面必须紧跟名称")]
    // Missing operands.
    [InlineData("answers.x ==", 12, "'==' 后面缺少常量")]
    [InlineData("facts.age <", 11, "'<' 后面缺少常量")]
    [InlineData("16 <", 4, "'<' 后面缺少名称")]
    [InlineData("answers.x == and", 13, "'==' 后面应为常量")]
    [InlineData("answers.a contains", 18, "'contains' 后面缺少常量")]
    [InlineData("facts.a and", 11, "条件不完整")]
    [InlineData("not", 3, "条件不完整")]
    [InlineData("and facts.a", 0, "此处应为名称、常量或 '('")]
    [InlineData("facts.a or or facts.b", 11, "此处应为名称、常量或 '('")]
    [InlineData("()", 1, "此处应为名称、常量或 '('")]
    // Trailing garbage.
    [InlineData("answers.x == 'a' 'b'", 17, "多余的内容 ''b''")]
    [InlineData("facts.a facts.b", 8, "多余的内容 'facts.b'")]
    [InlineData("facts.a)", 7, "多余的内容 ')'")]
    [InlineData("facts.age > 1 > 2", 14, "多余的内容 '>'")]
    [InlineData("(facts.a", 8, "缺少右括号")]
    // Comparisons are name-vs-literal only.
    [InlineData("answers.a == answers.b", 13, SidesMessage)]
    [InlineData("'a' == 'b'", 7, SidesMessage)]
    [InlineData("1 < 2", 4, SidesMessage)]
    [InlineData("answers.a == (answers.b)", 13, SidesMessage)]
    [InlineData("(facts.a) == true", 10, SidesMessage)]
    [InlineData("(facts.a) contains 'x'", 10, SidesMessage)]
    [InlineData("answers.a in [answers.b]", 14, SidesMessage)]
    [InlineData("answers.a contains answers.b", 19, SidesMessage)]
    [InlineData("'x' in ['x']", 4, "'in' 的左侧必须是名称")]
    [InlineData("'x' contains 'x'", 4, "'contains' 的左侧必须是名称")]
    [InlineData("'abc'", 0, "不能单独作为条件")]
    [InlineData("16 and facts.a", 0, "不能单独作为条件")]
    // No member access, no function calls.
    [InlineData("answers.x.length", 9, "不支持成员访问")]
    [InlineData("answers.x.length > 3", 9, "不支持成员访问")]
    [InlineData("facts.f()", 7, "不支持函数调用")]
    [InlineData("facts.f ('x')", 8, "不支持函数调用")]
    [InlineData("'x' == facts.f()", 14, "不支持函数调用")]
    [InlineData("answers.x .length", 10, "无法识别的符号 '.'")]
    // Lists.
    [InlineData("answers.a in 'x'", 13, "'in' 后面应为列表")]
    [InlineData("answers.a in []", 14, "列表不能为空")]
    [InlineData("answers.a in ['x',]", 18, "列表中此处应为常量")]
    [InlineData("answers.a in ['x' 'y']", 18, "列表缺少 ']' 或 ','")]
    [InlineData("answers.a in ['x'", 17, "列表缺少 ']' 或 ','")]
    public void Parse_InvalidText_ThrowsWithChineseMessageAndPosition(string text, int position, string message)
    {
        var error = Assert.Throws<ConditionSyntaxException>(() => Condition.Parse(text));

        Assert.Equal(position, error.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(32, true)]
    [InlineData(33, false)]
    public void Parse_NestedParentheses_AllowsAtMost32Levels(int levels, bool valid)
    {
        var text = new string('(', levels) + "facts.a" + new string(')', levels);

        AssertDepth(text, valid, errorPosition: 32);
    }

    [Theory]
    [InlineData(32, true)]
    [InlineData(33, false)]
    public void Parse_NestedNot_AllowsAtMost32Levels(int levels, bool valid)
    {
        var text = string.Concat(Enumerable.Repeat("not ", levels)) + "facts.a";

        AssertDepth(text, valid, errorPosition: 32 * 4);
    }

    [Fact]
    public void Parse_NotAndParenthesesTogether_CountTowardsTheSameDepth()
    {
        // 16 × "not (" is 32 levels; one more "!" makes 33, at offset 16 × 5.
        var text = string.Concat(Enumerable.Repeat("not (", 16)) + "!facts.a" + new string(')', 16);

        var error = Assert.Throws<ConditionSyntaxException>(() => Condition.Parse(text));

        Assert.Equal(80, error.Position);
        Assert.Contains("嵌套过深", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_LongFlatChain_IsNotLimitedByDepth()
    {
        var text = string.Join(" or ", Enumerable.Range(0, 100).Select(i => $"facts.f{i}"));

        var condition = Condition.Parse(text);

        Assert.Equal(100, condition.Names.Count);
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(2001, false)]
    public void Parse_Text_AllowsAtMost2000Characters(int length, bool valid)
    {
        var text = "facts.a".PadRight(length);

        if (valid)
        {
            Assert.Equal(text, Condition.Parse(text).Text);
        }
        else
        {
            var error = Assert.Throws<ConditionSyntaxException>(() => Condition.Parse(text));
            Assert.Equal(2000, error.Position);
            Assert.Contains("条件过长", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("answers.a == 'it\\'s'", "it's")]
    [InlineData("answers.a == \"it's\"", "it's")]
    [InlineData("answers.a == \"say \\\"hi\\\"\"", "say \"hi\"")]
    [InlineData("answers.a == 'say \"hi\"'", "say \"hi\"")]
    [InlineData("answers.a == 'back\\\\slash'", "back\\slash")]
    [InlineData("answers.a == ''", "")]
    [InlineData("answers.a == '随母 and 随父'", "随母 and 随父")]
    [InlineData("answers.a == '  spaced  '", "  spaced  ")]
    public void Parse_StringLiteral_UnquotesBothQuoteStylesAndEscapes(string text, string expected)
    {
        var literal = Assert.Single(Condition.Parse(text).Comparisons[0].Literals);

        Assert.Equal(ConditionValueKind.Text, literal.Kind);
        Assert.Equal(expected, literal.AsText());
    }

    [Theory]
    [InlineData("facts.x == 16", "16")]
    [InlineData("facts.x == -16", "-16")]
    [InlineData("facts.x == 0.75", "0.75")]
    [InlineData("facts.x == -2.5", "-2.5")]
    [InlineData("facts.x == 007", "7")]
    [InlineData("facts.x==-3500.125", "-3500.125")]
    [InlineData("facts.x == 79228162514264337593543950335", "79228162514264337593543950335")]
    public void Parse_NumberLiteral_ReadsIntegersDecimalsAndNegatives(string text, string expected)
    {
        var literal = Assert.Single(Condition.Parse(text).Comparisons[0].Literals);

        Assert.Equal(ConditionValueKind.Number, literal.Kind);
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), literal.AsNumber());
    }

    [Theory]
    [InlineData("answers.hukou == 'mother'", "answers.hukou == 'mother'")]
    [InlineData("'mother' == answers.hukou", "answers.hukou == 'mother'")]
    [InlineData("answers.hukou != \"mother\"", "answers.hukou != 'mother'")]
    [InlineData("facts.age < 16", "facts.age < 16")]
    [InlineData("facts.age <= 16", "facts.age <= 16")]
    [InlineData("facts.age > 16", "facts.age > 16")]
    [InlineData("facts.age >= 16", "facts.age >= 16")]
    // Literal-first comparisons are recorded name-first with the operator mirrored.
    [InlineData("16 > facts.age", "facts.age < 16")]
    [InlineData("16 >= facts.age", "facts.age <= 16")]
    [InlineData("16 < facts.age", "facts.age > 16")]
    [InlineData("16 <= facts.age", "facts.age >= 16")]
    [InlineData("true == facts.isResident", "facts.isResident == true")]
    [InlineData("answers.kind in ['new', \"renew\"]", "answers.kind in ['new', 'renew']")]
    [InlineData("facts.age in [1, 2.5, -3]", "facts.age in [1, 2.5, -3]")]
    [InlineData("answers.dishes contains 'cold'", "answers.dishes contains 'cold'")]
    [InlineData("facts.isResident", "facts.isResident")]
    [InlineData("true", "")]
    [InlineData(
        "answers.hukou == 'mother' and facts.age < 16 or not answers.hukou == 'father'",
        "answers.hukou == 'mother'; facts.age < 16; answers.hukou == 'father'")]
    [InlineData(
        "answers.dishes contains 'cold' || answers.dishes contains 'seafood' && !facts.isResident",
        "answers.dishes contains 'cold'; answers.dishes contains 'seafood'; facts.isResident")]
    public void Comparisons_ListEveryComparisonInOrder_NameFirst(string text, string expected)
    {
        var comparisons = Condition.Parse(text).Comparisons;

        Assert.Equal(expected, string.Join("; ", comparisons));
    }

    [Theory]
    [InlineData("answers.a == 'x'", ComparisonOperator.Equal, ConditionValueKind.Text)]
    [InlineData("answers.a != 'x'", ComparisonOperator.NotEqual, ConditionValueKind.Text)]
    [InlineData("facts.a < 1", ComparisonOperator.Less, ConditionValueKind.Number)]
    [InlineData("facts.a <= 1", ComparisonOperator.LessOrEqual, ConditionValueKind.Number)]
    [InlineData("facts.a > 1", ComparisonOperator.Greater, ConditionValueKind.Number)]
    [InlineData("facts.a >= 1", ComparisonOperator.GreaterOrEqual, ConditionValueKind.Number)]
    [InlineData("facts.a in [false]", ComparisonOperator.In, ConditionValueKind.Bool)]
    [InlineData("answers.a contains 'x'", ComparisonOperator.Contains, ConditionValueKind.Text)]
    public void Comparisons_CarryOperatorAndTypedLiteral(string text, ComparisonOperator op, ConditionValueKind literalKind)
    {
        var comparison = Assert.Single(Condition.Parse(text).Comparisons);

        Assert.Equal(op, comparison.Operator);
        Assert.Equal(literalKind, Assert.Single(comparison.Literals).Kind);
    }

    [Fact]
    public void Comparisons_BareName_IsTrueWithoutLiterals()
    {
        var comparison = Assert.Single(Condition.Parse("not facts.isResident").Comparisons);

        Assert.Equal(new NameReference(NameScope.Facts, "isResident"), comparison.Name);
        Assert.Equal(ComparisonOperator.IsTrue, comparison.Operator);
        Assert.Empty(comparison.Literals);
    }

    [Fact]
    public void Comparisons_InList_KeepsEveryLiteralInOrder()
    {
        var comparison = Assert.Single(Condition.Parse("answers.kind in ['new', 'renew', 'transfer']").Comparisons);

        Assert.Equal(new NameReference(NameScope.Answers, "kind"), comparison.Name);
        Assert.Equal(
            [ConditionValue.Text("new"), ConditionValue.Text("renew"), ConditionValue.Text("transfer")],
            comparison.Literals);
    }

    [Theory]
    [InlineData("answers.hukou == 'mother' and facts.age < 16", "answers.hukou, facts.age")]
    [InlineData("facts.age >= 18 and answers.hukou == 'x' or facts.age < 3 or answers.hukou != 'y'", "facts.age, answers.hukou")]
    [InlineData("18 <= facts.age", "facts.age")]
    [InlineData("answers.x == 'a' or facts.x", "answers.x, facts.x")]
    [InlineData("answers.and == 'a' and answers.in", "answers.and, answers.in")]
    [InlineData("not (answers.b_2 in ['x']) and answers._a contains 'y'", "answers.b_2, answers._a")]
    [InlineData("false", "")]
    public void Names_AreDistinctInOrderOfFirstAppearance(string text, string expected)
    {
        var names = Condition.Parse(text).Names;

        Assert.Equal(expected, string.Join(", ", names));
    }

    [Fact]
    public void Names_KnowTheirScope()
    {
        var names = Condition.Parse("answers.hukou == 'mother' and facts.age < 16").Names;

        Assert.Equal(
            [new NameReference(NameScope.Answers, "hukou"), new NameReference(NameScope.Facts, "age")],
            names);
    }

    [Theory]
    [InlineData("answers.hukou == 'mother'")]
    [InlineData("  facts.isResident  ")]
    [InlineData("facts.age>=18&&facts.gender=='female'")]
    public void Text_IsKeptExactlyAsWritten(string text)
    {
        var condition = Condition.Parse(text);

        Assert.Equal(text, condition.Text);
        Assert.Equal(text, condition.ToString());
    }

    [Fact]
    public void True_IsTheAlwaysTrueConditionWrittenTrue()
    {
        Assert.Equal("true", Condition.True.Text);
        Assert.Empty(Condition.True.Names);
        Assert.Empty(Condition.True.Comparisons);
        Assert.Same(Condition.True, Condition.True);
    }

    [Fact]
    public void TryParse_ValidText_ReturnsConditionAndNoError()
    {
        var ok = Condition.TryParse("facts.age >= 18", out var condition, out var error);

        Assert.True(ok);
        Assert.Null(error);
        Assert.Equal("facts.age >= 18", condition!.Text);
    }

    [Fact]
    public void TryParse_InvalidText_ReturnsErrorWithPosition()
    {
        var ok = Condition.TryParse("facts.age >= ", out var condition, out var error);

        Assert.False(ok);
        Assert.Null(condition);
        Assert.Equal(13, error!.Position);
    }

    private static void AssertDepth(string text, bool valid, int errorPosition)
    {
        if (valid)
        {
            Assert.Equal(["facts.a"], Condition.Parse(text).Names.Select(n => n.ToString()));
        }
        else
        {
            var error = Assert.Throws<ConditionSyntaxException>(() => Condition.Parse(text));
            Assert.Equal(errorPosition, error.Position);
            Assert.Contains("嵌套过深", error.Message, StringComparison.Ordinal);
        }
    }
}
