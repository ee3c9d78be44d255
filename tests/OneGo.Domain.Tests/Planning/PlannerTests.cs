using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;
using OneGo.Domain.Conditions;
using OneGo.Domain.Planning;
using OneGo.Domain.Tests.Calendar;

namespace OneGo.Domain.Tests.Planning;

/// <summary>The Planner's rules on a small catalog built in code, independent of the county's content.</summary>
public class PlannerTests
{
    private const string LicenseType = "11100000MB00020006001";

    private static Matter Matter(string code, int days, LimitUnit unit = LimitUnit.WorkingDays, string[]? fields = null, MatterMaterial[]? materials = null, MatterResult? result = null) => new()
    {
        Code = code,
        Name = "事项" + code,
        Department = "d" + code,
        PromisedLimit = new TimeLimit(days, unit),
        StatutoryLimit = new TimeLimit(days, unit),
        Fields = (fields ?? ["applicant.name"]).Select(f => new MatterField(f.TrimEnd('?'), !f.EndsWith('?'), SourceLocation.None)).ToList(),
        Materials = materials ?? [],
        Result = result ?? new MatterResult { Name = "结果" + code, Kind = ResultKind.Document },
        Steps = ["受理", "审查", "决定"],
    };

    private static MatterMaterial Needs(string key, Necessity necessity = Necessity.Required) => new() { Key = key, Necessity = necessity };

    private static ServiceCatalog Catalog(Bundle bundle, params Matter[] matters) => new(
        null,
        OfficialCalendars.Years(),
        [new DataSource { Code = "population", Name = "人口基础信息库" }],
        [new DataCheck { Code = "population.hukou", Name = "户籍信息核验", Source = "population" }],
        [new FactDefinition { Name = "age", Label = "年龄", Kind = FactKind.Number }],
        matters.Select(m => new Department { Code = m.Department, Name = "部门" + m.Code, CreditCode = "x" }).ToList(),
        [new FormSection { Code = "applicant", Label = "申请人信息" }],
        [
            new FieldDefinition { Key = "applicant.name", Label = "姓名", Type = FieldType.Text, Prefill = "population.name" },
            new FieldDefinition { Key = "applicant.phone", Label = "电话", Type = FieldType.Phone },
        ],
        [
            new MaterialDefinition { Key = "cert", Name = "证明", LicenseType = LicenseType, Check = "population.hukou" },
            new MaterialDefinition { Key = "photo", Name = "照片" },
        ],
        [new LicenseType { Code = LicenseType, Name = "证明", Authority = "部" }],
        matters,
        [bundle]);

    private static Bundle Bundle(BundleMatter[] matters, PrerequisiteEdge[]? edges = null, Question[]? questions = null) => new()
    {
        Code = "b",
        Name = "测试",
        Theme = "测试",
        LeadDepartment = "da",
        PromisedLimit = new TimeLimit(30, LimitUnit.WorkingDays),
        Matters = matters,
        Edges = edges ?? [],
        Questions = questions ?? [],
        Steps = ["申请", "受理"],
    };

    private static BundleMatter Entry(string code, string? when = null) => new() { Matter = code, When = when is null ? Condition.True : Condition.Parse(when) };

    private static PrerequisiteEdge Edge(string from, string to, EdgeMode mode) => new() { From = from, To = to, Mode = mode };

    private static readonly Dictionary<string, IReadOnlyList<string>> NoAnswers = [];

    private static Plan Resolve(ServiceCatalog catalog, Dictionary<string, IReadOnlyList<string>>? answers = null, ApplicantProfile? applicant = null, DateOnly? acceptance = null)
    {
        var outcome = Planner.Resolve(catalog, catalog.Bundles[0], answers ?? NoAnswers, applicant ?? ApplicantProfile.Anonymous, acceptance ?? new DateOnly(2026, 9, 24));
        Assert.True(outcome.IsValid, string.Join("; ", outcome.Problems));
        return outcome.Plan!;
    }

    [Theory]
    // 2026-09-24 (Thu) + 10 calendar days = 10-04, inside National Day: 民法典 §203 moves it to 10-08.
    [InlineData(10, LimitUnit.CalendarDays, "2026-10-08")]
    // + 20 calendar days = 10-14, a Wednesday.
    [InlineData(20, LimitUnit.CalendarDays, "2026-10-14")]
    [InlineData(3, LimitUnit.WorkingDays, "2026-09-30")]
    public void EachMatterCountsInItsOwnUnit(int days, LimitUnit unit, string end)
    {
        var plan = Resolve(Catalog(Bundle([Entry("a")]), Matter("a", days, unit)));

        Assert.Equal(DateOnly.Parse(end, System.Globalization.CultureInfo.InvariantCulture), plan.Matters.Single().End);
        Assert.Equal(plan.Matters.Single().End, plan.Timing!.ExpectedCompletion);
    }

    [Fact]
    public void APrereviewPrerequisiteThatEndsLater_DrivesTheCriticalPath()
    {
        // a: 10 working days; b reviews from acceptance (2 days) but decides only when a is done.
        var catalog = Catalog(Bundle([Entry("a"), Entry("b")], [Edge("a", "b", EdgeMode.Prereview)]), Matter("a", 10), Matter("b", 2));
        var plan = Resolve(catalog);
        var b = plan.Matters.Single(m => m.Code == "b");

        Assert.Equal(new DateOnly(2026, 9, 24), b.Start);
        Assert.Equal(plan.Matters.Single(m => m.Code == "a").End, b.End);
        Assert.Equal(["a", "b"], plan.Timing!.CriticalPath);
        Assert.Equal(10, plan.Timing.CriticalPathWorkingDays);
        Assert.Equal(12, plan.Timing.SerialWorkingDays);
    }

    [Fact]
    public void AStrictEdge_AddsTheLimits_AndAnIndependentMatterRunsInParallel()
    {
        var catalog = Catalog(
            Bundle([Entry("a"), Entry("b"), Entry("c")], [Edge("a", "b", EdgeMode.Strict)]),
            Matter("a", 3), Matter("b", 2), Matter("c", 4));
        var plan = Resolve(catalog, acceptance: new DateOnly(2026, 6, 1));

        Assert.Equal(5, plan.Timing!.CriticalPathWorkingDays);
        Assert.Equal(["a", "b"], plan.Timing.CriticalPath);
        Assert.Equal(9, plan.Timing.SerialWorkingDays);
        Assert.False(plan.Matters.Single(m => m.Code == "c").OnCriticalPath);
    }

    [Fact]
    public void ExemptionPrefersAHeldLicense_ThenADataCheck_ThenTheBundlesOwnResult()
    {
        var producer = Matter("a", 1, result: new MatterResult { Name = "证明", Kind = ResultKind.License, LicenseType = LicenseType });
        var consumer = Matter("b", 1, materials: [Needs("cert")]);
        var catalog = Catalog(Bundle([Entry("a"), Entry("b")], [Edge("a", "b", EdgeMode.Strict)]), producer, consumer);
        var license = new HeldLicense("1.2.156.3005.2.X", LicenseType, "证明", LicenseStatus.Valid, null);

        Assert.Equal(ExemptionKind.BundleResult, Resolve(catalog).Materials.Single().Exemption!.Kind);
        Assert.Equal(ExemptionKind.DataCheck, Resolve(catalog, applicant: new ApplicantProfile { PassedChecks = new HashSet<string> { "population.hukou" } }).Materials.Single().Exemption!.Kind);
        Assert.Equal(ExemptionKind.License, Resolve(catalog, applicant: new ApplicantProfile { PassedChecks = new HashSet<string> { "population.hukou" }, Licenses = [license] }).Materials.Single().Exemption!.Kind);
    }

    [Fact]
    public void TheBundlesOwnResultExemptsOnlyWhenItIsAPrerequisite()
    {
        var producer = Matter("a", 1, result: new MatterResult { Name = "证明", Kind = ResultKind.License, LicenseType = LicenseType });
        var consumer = Matter("b", 1, materials: [Needs("cert")]);
        var plan = Resolve(Catalog(Bundle([Entry("a"), Entry("b")]), producer, consumer));

        Assert.False(plan.Materials.Single().IsExempt);
    }

    [Fact]
    public void AMaterialNeededByTwoMatters_IsListedOnce_WithTheStrongestNecessity()
    {
        var catalog = Catalog(
            Bundle([Entry("a"), Entry("b")]),
            Matter("a", 1, materials: [Needs("photo", Necessity.Tolerable)]),
            Matter("b", 1, materials: [Needs("photo", Necessity.Required)]));
        var plan = Resolve(catalog);

        var photo = Assert.Single(plan.Materials);
        Assert.Equal(Necessity.Required, photo.Necessity);
        Assert.Equal(["a", "b"], photo.Matters);
        Assert.Equal(2, plan.Metrics!.MaterialsBefore);
        Assert.Equal(1, plan.Metrics.MaterialsAfter);
    }

    [Fact]
    public void AFieldRequiredByOneMatterAndOptionalForAnother_IsRequired()
    {
        var catalog = Catalog(Bundle([Entry("a"), Entry("b")]), Matter("a", 1, fields: ["applicant.phone?"]), Matter("b", 1, fields: ["applicant.phone"]));
        var field = Resolve(catalog).Form.Single().Fields.Single();

        Assert.True(field.Required);
        Assert.Equal(["a", "b"], field.Matters);
    }

    private static readonly Question Dishes = new()
    {
        Id = "dishes",
        Text = "经营项目",
        Multiple = true,
        Options =
        [
            new QuestionOption { Code = "cold", Label = "凉菜" },
            new QuestionOption { Code = "seafood", Label = "生食水产", When = Condition.Parse("facts.age >= 18") },
        ],
    };

    [Theory]
    [InlineData(new string[0], new[] { "a" })]
    [InlineData(new[] { "cold" }, new[] { "a", "cold" })]
    public void MultipleChoiceAnswers_DecideMatters(string[] chosen, string[] matters)
    {
        var catalog = Catalog(Bundle([Entry("a"), Entry("cold", "answers.dishes contains 'cold'")], questions: [Dishes]), Matter("a", 1), Matter("cold", 1));
        var plan = Resolve(catalog, new() { ["dishes"] = chosen }, new ApplicantProfile { Facts = new Dictionary<string, ConditionValue> { ["age"] = ConditionValue.Number(30) } });

        Assert.Equal(matters, plan.Matters.Select(m => m.Code));
    }

    [Fact]
    public void AMultipleChoiceQuestionWithMinChoices_RejectsAnEmptyAnswer()
    {
        var dishes = Dishes with { MinChoices = 1 };
        var catalog = Catalog(Bundle([Entry("a")], questions: [dishes]), Matter("a", 1));

        var outcome = Planner.Resolve(catalog, catalog.Bundles[0], new Dictionary<string, IReadOnlyList<string>> { ["dishes"] = [] }, ApplicantProfile.Anonymous, new DateOnly(2026, 9, 24));

        Assert.Contains("至少选择1项", Assert.Single(outcome.Problems).Message);
        var scenarios = new List<IReadOnlyList<string>>();
        ScenarioSpace.Enumerate(catalog, catalog.Bundles[0], 100, s => scenarios.Add(s.Answers["dishes"]));
        Assert.NotEmpty(scenarios);
        Assert.DoesNotContain(scenarios, a => a.Count == 0);
    }

    [Fact]
    public void AnOptionWhoseConditionFails_CannotBeChosen()
    {
        var catalog = Catalog(Bundle([Entry("a")], questions: [Dishes]), Matter("a", 1));
        var young = new ApplicantProfile { Facts = new Dictionary<string, ConditionValue> { ["age"] = ConditionValue.Number(16) } };

        var outcome = Planner.Resolve(catalog, catalog.Bundles[0], new Dictionary<string, IReadOnlyList<string>> { ["dishes"] = ["seafood"] }, young, new DateOnly(2026, 9, 24));

        var problem = Assert.Single(outcome.Problems);
        Assert.Equal("dishes", problem.QuestionId);
        Assert.Contains("不可选", problem.Message);
    }

    [Fact]
    public void AQuestionNotAsked_NeedsNoAnswer_AndADefaultFillsIn()
    {
        var questions = new[]
        {
            new Question { Id = "q1", Text = "一", Default = "y", Options = [new QuestionOption { Code = "y", Label = "是" }, new QuestionOption { Code = "n", Label = "否" }] },
            new Question { Id = "q2", Text = "二", When = Condition.Parse("answers.q1 == 'n'"), Options = [new QuestionOption { Code = "x", Label = "甲" }] },
        };
        var catalog = Catalog(Bundle([Entry("a")], questions: questions), Matter("a", 1));
        var plan = Resolve(catalog);

        Assert.Equal(["y"], plan.Questions[0].Answer);
        Assert.False(plan.Questions[1].Applicable);
    }
}
