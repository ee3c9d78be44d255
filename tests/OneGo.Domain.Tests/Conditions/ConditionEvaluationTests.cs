using OneGo.Domain.Conditions;

namespace OneGo.Domain.Tests.Conditions;

public class ConditionEvaluationTests
{
    // One applicant: a mother registering a newborn and opening a restaurant.
    private static readonly TestScope Applicant = new TestScope()
        .Answer("hukou", ConditionValue.Text("mother"))
        .Answer("kind", ConditionValue.Text("renew"))
        .Answer("note", ConditionValue.Text("it's \"ok\""))
        .Answer("dishes", ConditionValue.TextSet(new HashSet<string> { "cold", "seafood" }))
        .Answer("dishesList", ConditionValue.TextSet(["drinks"]))
        .Answer("noDishes", ConditionValue.TextSet([]))
        .Fact("age", ConditionValue.Number(15))
        .Fact("income", ConditionValue.Number(3500.50m))
        .Fact("temperature", ConditionValue.Number(-2.5m))
        .Fact("isResident", ConditionValue.Bool(true))
        .Fact("isMarried", ConditionValue.Bool(false))
        .Fact("gender", ConditionValue.Text("female"));

    [Theory]
    // ==, != on text, numbers and booleans.
    [InlineData("answers.hukou == 'mother'", true)]
    [InlineData("answers.hukou == \"mother\"", true)]
    [InlineData("answers.hukou == 'father'", false)]
    [InlineData("answers.hukou == 'Mother'", false)]
    [InlineData("answers.hukou != 'father'", true)]
    [InlineData("answers.hukou != 'mother'", false)]
    [InlineData("'mother' == answers.hukou", true)]
    [InlineData("answers.note == 'it\\'s \"ok\"'", true)]
    [InlineData("answers.note == \"it's \\\"ok\\\"\"", true)]
    [InlineData("facts.age == 15", true)]
    [InlineData("facts.age == 15.00", true)]
    [InlineData("facts.age != 15", false)]
    [InlineData("facts.isResident == true", true)]
    [InlineData("facts.isResident != true", false)]
    [InlineData("facts.isMarried == false", true)]
    // Ordering, with decimals and negatives.
    [InlineData("facts.age < 16", true)]
    [InlineData("facts.age < 15", false)]
    [InlineData("facts.age <= 15", true)]
    [InlineData("facts.age <= 14.99", false)]
    [InlineData("facts.age > 14", true)]
    [InlineData("facts.age > 15", false)]
    [InlineData("facts.age >= 15", true)]
    [InlineData("facts.age >= 15.01", false)]
    [InlineData("16 > facts.age", true)]
    [InlineData("15 < facts.age", false)]
    [InlineData("facts.income > 3500.5", false)]
    [InlineData("facts.income >= 3500.50", true)]
    [InlineData("facts.income == 3500.5", true)]
    [InlineData("facts.temperature < -2", true)]
    [InlineData("facts.temperature > -3", true)]
    [InlineData("facts.temperature == -2.50", true)]
    [InlineData("-2.5 == facts.temperature", true)]
    // in.
    [InlineData("answers.kind in ['new', 'renew']", true)]
    [InlineData("answers.kind in ['new', 'transfer']", false)]
    [InlineData("answers.kind in ['renew']", true)]
    [InlineData("facts.age in [14, 15.0]", true)]
    [InlineData("facts.age in [14, 16]", false)]
    [InlineData("facts.isResident in [true]", true)]
    // contains on multi-choice answers, whatever collection the scope hands over.
    [InlineData("answers.dishes contains 'cold'", true)]
    [InlineData("answers.dishes contains 'seafood'", true)]
    [InlineData("answers.dishes contains 'drinks'", false)]
    [InlineData("answers.dishes contains 'COLD'", false)]
    [InlineData("answers.dishesList contains 'drinks'", true)]
    [InlineData("answers.dishesList contains 'cold'", false)]
    [InlineData("answers.noDishes contains 'cold'", false)]
    [InlineData("answers.dishes contains 'cold' or answers.dishes contains 'seafood'", true)]
    [InlineData("answers.dishes contains 'cold' and answers.dishes contains 'drinks'", false)]
    // Bare names: true only for boolean true.
    [InlineData("facts.isResident", true)]
    [InlineData("facts.isMarried", false)]
    [InlineData("not facts.isMarried", true)]
    [InlineData("!facts.isResident", false)]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("not false", true)]
    // Real bundle conditions.
    [InlineData("answers.hukou == 'mother' and facts.age < 16", true)]
    [InlineData("answers.hukou == 'father' and facts.age < 16", false)]
    [InlineData("facts.age >= 18 and facts.gender == 'female'", false)]
    [InlineData("answers.hukou == 'mother' and not (answers.kind == 'new')", true)]
    public void Evaluate_Operators_FollowTheLanguageSemantics(string text, bool expected)
    {
        Assert.Equal(expected, Condition.Parse(text).Evaluate(Applicant));
    }

    [Theory]
    // Unset answers and facts: == is false, != is true, ordering/in/contains/bare are false.
    [InlineData("answers.sscard == 'no'", false)]
    [InlineData("answers.sscard != 'no'", true)]
    [InlineData("not (answers.sscard == 'no')", true)]
    [InlineData("answers.sscard in ['yes', 'no']", false)]
    [InlineData("answers.sscard contains 'no'", false)]
    [InlineData("answers.sscard", false)]
    [InlineData("not answers.sscard", true)]
    [InlineData("facts.height < 100", false)]
    [InlineData("facts.height <= 100", false)]
    [InlineData("facts.height > 100", false)]
    [InlineData("facts.height >= 100", false)]
    [InlineData("facts.height == 0", false)]
    [InlineData("facts.height != 0", true)]
    [InlineData("facts.flag == false", false)]
    [InlineData("facts.flag != true", true)]
    [InlineData("facts.flag", false)]
    public void Evaluate_UnsetValue_FollowsUnsetSemantics(string text, bool expected)
    {
        Assert.Equal(expected, Condition.Parse(text).Evaluate(Applicant));
    }

    [Theory]
    // Values of another kind than the literal are never equal; a well-checked condition never meets
    // these, but evaluation must still answer rather than throw.
    [InlineData("facts.age == '15'", false)]
    [InlineData("facts.age != '15'", true)]
    [InlineData("answers.hukou == true", false)]
    [InlineData("answers.hukou < 3", false)]
    [InlineData("facts.age < '16'", false)]
    [InlineData("facts.age contains '15'", false)]
    [InlineData("answers.hukou contains 'mother'", false)]
    [InlineData("answers.dishes contains 1", false)]
    [InlineData("answers.dishes == 'cold'", false)]
    [InlineData("answers.dishes in ['cold', 'seafood']", false)]
    [InlineData("facts.gender", false)]
    [InlineData("facts.age", false)]
    [InlineData("answers.dishes", false)]
    public void Evaluate_MismatchedKinds_IsFalseForPositiveTestsAndNeverThrows(string text, bool expected)
    {
        Assert.Equal(expected, Condition.Parse(text).Evaluate(Applicant));
    }

    [Theory]
    // Truth table over (a, b, c) = 000, 001, 010, 011, 100, 101, 110, 111.
    [InlineData("facts.a or facts.b and facts.c", "00011111")]
    [InlineData("(facts.a or facts.b) and facts.c", "00010101")]
    [InlineData("facts.a and facts.b or facts.c", "01010111")]
    [InlineData("facts.a and (facts.b or facts.c)", "00000111")]
    [InlineData("not facts.a and facts.b", "00110000")]
    [InlineData("not (facts.a and facts.b)", "11111100")]
    [InlineData("not facts.a or facts.b", "11110011")]
    [InlineData("not (facts.a or facts.b)", "11000000")]
    [InlineData("not not facts.a", "00001111")]
    [InlineData("!facts.a && facts.b || facts.c", "01110101")]
    [InlineData("!(facts.a || facts.b) && !facts.c", "10000000")]
    [InlineData("facts.a == true or facts.b == true and not facts.c", "00101111")]
    [InlineData("((facts.a))", "00001111")]
    public void Evaluate_Precedence_NotBindsTighterThanAndThanOr(string text, string truthTable)
    {
        var condition = Condition.Parse(text);

        for (var row = 0; row < 8; row++)
        {
            var scope = new TestScope()
                .Fact("a", ConditionValue.Bool((row & 4) != 0))
                .Fact("b", ConditionValue.Bool((row & 2) != 0))
                .Fact("c", ConditionValue.Bool((row & 1) != 0));

            Assert.True(truthTable[row] == '1' == condition.Evaluate(scope), $"row {Convert.ToString(row, 2).PadLeft(3, '0')}");
        }
    }

    [Theory]
    [InlineData("cold", true)]
    [InlineData("drinks", true)]
    [InlineData("seafood", true)]
    [InlineData("other", false)]
    public void Evaluate_RestaurantFoodLicence_AppliesForAnyRiskyDish(string dish, bool expected)
    {
        // 开办餐饮店: the food-business licence matter applies for cold dishes, fresh drinks or raw seafood.
        var condition = Condition.Parse(
            "answers.dishes contains 'cold' or answers.dishes contains 'drinks' or answers.dishes contains 'seafood'");

        var scope = new TestScope().Answer("dishes", ConditionValue.TextSet([dish]));

        Assert.Equal(expected, condition.Evaluate(scope));
    }

    [Fact]
    public void Evaluate_ShortCircuits_AndReadsOnlyTheNamesItNeeds()
    {
        var scope = new TestScope().Fact("a", ConditionValue.Bool(false));

        Condition.Parse("facts.a and facts.b").Evaluate(scope);
        Condition.Parse("not facts.a or facts.c").Evaluate(scope);

        Assert.Equal(["facts.a", "facts.a"], scope.Reads);
    }

    [Fact]
    public void Evaluate_True_IsTrueWithoutReadingTheScope()
    {
        var scope = new TestScope();

        Assert.True(Condition.True.Evaluate(scope));
        Assert.Empty(scope.Reads);
    }

    [Fact]
    public void Evaluate_DoesNotAllocate()
    {
        var condition = Condition.Parse(
            "answers.hukou == 'mother' and facts.age < 16 and answers.kind in ['new', 'renew'] " +
            "and (answers.dishes contains 'cold' or answers.dishes contains 'seafood') and not facts.isMarried");
        var scope = new TestScope(recordReads: false)
            .Answer("hukou", ConditionValue.Text("mother"))
            .Answer("kind", ConditionValue.Text("renew"))
            .Answer("dishes", ConditionValue.TextSet(new HashSet<string> { "seafood" }))
            .Fact("age", ConditionValue.Number(3))
            .Fact("isMarried", ConditionValue.Bool(false));
        Assert.True(condition.Evaluate(scope));

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            condition.Evaluate(scope);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Evaluate_NullScope_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => Condition.True.Evaluate(null!));
    }

    private sealed class TestScope(bool recordReads = true) : IConditionScope
    {
        private readonly Dictionary<string, ConditionValue> _answers = [];
        private readonly Dictionary<string, ConditionValue> _facts = [];

        public List<string> Reads { get; } = [];

        public TestScope Answer(string question, ConditionValue value)
        {
            _answers[question] = value;
            return this;
        }

        public TestScope Fact(string name, ConditionValue value)
        {
            _facts[name] = value;
            return this;
        }

        ConditionValue IConditionScope.Answer(string question)
        {
            if (recordReads)
            {
                Reads.Add("answers." + question);
            }

            return _answers.GetValueOrDefault(question);
        }

        ConditionValue IConditionScope.Fact(string name)
        {
            if (recordReads)
            {
                Reads.Add("facts." + name);
            }

            return _facts.GetValueOrDefault(name);
        }
    }
}
