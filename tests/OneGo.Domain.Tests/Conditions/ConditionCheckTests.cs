using OneGo.Domain.Conditions;

namespace OneGo.Domain.Tests.Conditions;

public class ConditionCheckTests
{
    private static ConditionSchema Schema()
    {
        var schema = new ConditionSchema();
        // 新生儿出生: 随父 / 随母落户.
        schema.AddQuestion("hukou", ["father", "mother", "other"], multiple: false);
        schema.AddQuestion("kind", ["new", "renew"], multiple: false);
        // 开办餐饮店: cold dishes, fresh drinks, raw seafood.
        schema.AddQuestion("dishes", ["cold", "drinks", "seafood"], multiple: true);
        schema.AddFact("isResident", FactType.Boolean);
        schema.AddFact("age", FactType.Number);
        schema.AddFact("gender", FactType.Text, ["male", "female"]);
        schema.AddFact("district", FactType.Text);
        return schema;
    }

    [Theory]
    [InlineData("true")]
    [InlineData("answers.hukou == 'mother' and facts.age < 16")]
    [InlineData("answers.hukou != 'father'")]
    [InlineData("'other' == answers.hukou")]
    [InlineData("answers.kind in ['new', 'renew']")]
    [InlineData("answers.dishes contains 'cold' or answers.dishes contains 'seafood'")]
    [InlineData("not (answers.dishes contains 'drinks')")]
    [InlineData("facts.isResident")]
    [InlineData("facts.isResident == true")]
    [InlineData("facts.isResident != false")]
    [InlineData("facts.age >= 18 and facts.gender == 'female'")]
    [InlineData("facts.age < 1 or facts.age <= 2 or facts.age > 3 or facts.age == 4 or facts.age != 5")]
    [InlineData("18 <= facts.age")]
    [InlineData("facts.age in [16, 17.5]")]
    [InlineData("facts.gender in ['male', 'female']")]
    [InlineData("facts.gender != 'male'")]
    [InlineData("facts.district == '任何区县'")]
    public void Check_WellTypedCondition_HasNoProblems(string text)
    {
        Assert.Empty(Condition.Parse(text).Check(Schema()));
    }

    [Theory]
    // Unknown names.
    [InlineData("answers.hukuo == 'mother'", "未知的情形问题：answers.hukuo")]
    [InlineData("facts.agee > 1", "未知的事实：facts.agee")]
    [InlineData("answers.age > 1", "未知的情形问题：answers.age")]
    [InlineData("facts.hukou == 'mother'", "未知的事实：facts.hukou")]
    // Single-choice questions: ==, !=, in with existing option codes.
    [InlineData("answers.hukou == 'grandma'", "问题 answers.hukou 没有选项 'grandma'")]
    [InlineData("answers.hukou != 'Mother'", "问题 answers.hukou 没有选项 'Mother'")]
    [InlineData("answers.kind in ['new', 'old']", "问题 answers.kind 没有选项 'old'")]
    [InlineData("answers.hukou == 1", "answers.hukou 的答案是选项代码（文本），不能与数字 1 比较")]
    [InlineData("answers.hukou == true", "answers.hukou 的答案是选项代码（文本），不能与布尔值 true 比较")]
    [InlineData("answers.hukou contains 'mother'", "单选问题 answers.hukou 不能使用 contains，请使用 == 或 in")]
    [InlineData("answers.hukou", "单选问题 answers.hukou 不能单独作为条件，请写成 answers.hukou == '选项代码'")]
    [InlineData("answers.hukou > 'a'", "answers.hukou 的答案是选项，不是数字，不能使用 >")]
    [InlineData("answers.hukou <= 1", "answers.hukou 的答案是选项，不是数字，不能使用 <=")]
    // Multi-choice questions: contains with an existing option code, nothing else.
    [InlineData("answers.dishes == 'cold'", "多选问题 answers.dishes 应使用 contains，例如 answers.dishes contains '选项代码'")]
    [InlineData("answers.dishes != 'cold'", "多选问题 answers.dishes 应使用 contains，例如 answers.dishes contains '选项代码'")]
    [InlineData("answers.dishes in ['cold']", "多选问题 answers.dishes 应使用 contains，例如 answers.dishes contains '选项代码'")]
    [InlineData("answers.dishes", "多选问题 answers.dishes 应使用 contains，例如 answers.dishes contains '选项代码'")]
    [InlineData("answers.dishes contains 'sushi'", "问题 answers.dishes 没有选项 'sushi'")]
    [InlineData("answers.dishes contains 1", "answers.dishes 的答案是选项代码（文本），不能与数字 1 比较")]
    // Boolean facts: bare, or == / != true / false.
    [InlineData("facts.isResident == 'yes'", "facts.isResident 是布尔值，不能与文本比较（'yes'）")]
    [InlineData("facts.isResident != 1", "facts.isResident 是布尔值，不能与数字比较（1）")]
    [InlineData("facts.isResident in [true]", "facts.isResident 是布尔值，只能单独作为条件，或用 == / != 与 true、false 比较")]
    [InlineData("facts.isResident > 0", "facts.isResident 是布尔值，只能单独作为条件，或用 == / != 与 true、false 比较")]
    [InlineData("facts.isResident contains 'x'", "facts.isResident 是布尔值，只能单独作为条件，或用 == / != 与 true、false 比较")]
    // Number facts: numeric literals, any comparison, not bare, not contains.
    [InlineData("facts.age == 'x'", "facts.age 是数字，不能与文本比较（'x'）")]
    [InlineData("facts.age < true", "facts.age 是数字，不能与布尔值比较（true）")]
    [InlineData("facts.age in [1, 'two']", "facts.age 是数字，不能与文本比较（'two'）")]
    [InlineData("facts.age", "facts.age 是数字，不能单独作为条件，请写成比较，例如 facts.age >= 18")]
    [InlineData("facts.age contains 1", "facts.age 是数字，不能使用 contains")]
    // Text facts: text literals, allowed values, no ordering.
    [InlineData("facts.gender == 'other'", "事实 facts.gender 没有取值 'other'")]
    [InlineData("facts.gender in ['female', 'F']", "事实 facts.gender 没有取值 'F'")]
    [InlineData("facts.gender == 1", "facts.gender 是文本，不能与数字比较（1）")]
    [InlineData("facts.gender < 'm'", "facts.gender 是文本，不能使用 <（只有数字可以比较大小）")]
    [InlineData("facts.district >= 'a'", "facts.district 是文本，不能使用 >=（只有数字可以比较大小）")]
    [InlineData("facts.gender", "facts.gender 是文本，不能单独作为条件，请写成 facts.gender == '取值'")]
    [InlineData("facts.district contains 'x'", "facts.district 是文本，不能使用 contains，请使用 == 或 in")]
    public void Check_IllTypedCondition_ReportsTheProblemInChinese(string text, string expected)
    {
        var problem = Assert.Single(Condition.Parse(text).Check(Schema()));

        Assert.Equal(expected, problem.Message);
    }

    [Fact]
    public void Check_SeveralProblems_AreReportedInOrderOfAppearance()
    {
        var problems = Condition.Parse("facts.agee > 1 and answers.hukou == 'grandma' or answers.kind in ['old', 'older']")
            .Check(Schema());

        Assert.Equal(
            ["未知的事实：facts.agee", "问题 answers.hukou 没有选项 'grandma'", "问题 answers.kind 没有选项 'old'", "问题 answers.kind 没有选项 'older'"],
            problems.Select(p => p.Message));
    }

    [Fact]
    public void Check_SameProblemTwice_IsReportedOnce()
    {
        var problems = Condition.Parse("answers.hukuo == 'mother' or answers.hukuo == 'father'").Check(Schema());

        Assert.Equal(["未知的情形问题：answers.hukuo"], problems.Select(p => p.Message));
    }

    [Fact]
    public void Check_EmptySchema_ReportsEveryName()
    {
        var problems = Condition.Parse("answers.hukou == 'mother' and facts.age < 16").Check(new ConditionSchema());

        Assert.Equal(["未知的情形问题：answers.hukou", "未知的事实：facts.age"], problems.Select(p => p.Message));
    }

    [Fact]
    public void Check_OptionCodes_AreCaseSensitive()
    {
        var schema = new ConditionSchema();
        schema.AddQuestion("hukou", ["Mother"], multiple: false);

        Assert.Empty(Condition.Parse("answers.hukou == 'Mother'").Check(schema));
        Assert.Single(Condition.Parse("answers.hukou == 'mother'").Check(schema));
    }

    [Fact]
    public void AddQuestion_Twice_Throws()
    {
        var schema = new ConditionSchema();
        schema.AddQuestion("hukou", ["mother"], multiple: false);

        var error = Assert.Throws<ArgumentException>(() => schema.AddQuestion("hukou", ["father"], multiple: false));
        Assert.StartsWith("情形问题 answers.hukou 重复声明", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddFact_Twice_Throws()
    {
        var schema = new ConditionSchema();
        schema.AddFact("age", FactType.Number);

        Assert.Throws<ArgumentException>(() => schema.AddFact("age", FactType.Text));
    }

    [Theory]
    [InlineData(FactType.Boolean)]
    [InlineData(FactType.Number)]
    public void AddFact_AllowedValuesOnNonTextFact_Throws(FactType type)
    {
        var schema = new ConditionSchema();

        Assert.Throws<ArgumentException>(() => schema.AddFact("x", type, ["a"]));
    }
}
