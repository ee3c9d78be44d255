using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;
using OneGo.Domain.Conditions;
using OneGo.Domain.Planning;

namespace OneGo.Web.Tests.Guidance;

/// <summary>The Plan of the real 新生儿出生 bundle, scenario by scenario.</summary>
public class NewbornPlanTests
{
    // Thursday before the 2026 Mid-Autumn (09-25..27) and National Day (10-01..07) holidays, with the
    // make-up working Saturday 10-10: working days after it are 09-28, 09-29, 09-30, 10-08, 10-09, 10-10, 10-12 …
    private static readonly DateOnly Acceptance = new(2026, 9, 24);

    private static readonly ServiceCatalog Catalog = RepositoryCatalog.Catalog;

    private static Dictionary<string, IReadOnlyList<string>> Answers(
        string birthplace = "province", string hukou = "father", string ethnicity = "same", string sscard = "no", string maternity = "no") => new()
        {
            ["birthplace"] = [birthplace],
            ["hukou"] = [hukou],
            ["ethnicity"] = [ethnicity],
            ["sscard"] = [sscard],
            ["maternity"] = [maternity],
        };

    private static Plan Resolve(Dictionary<string, IReadOnlyList<string>> answers, ApplicantProfile? applicant = null, DateOnly? acceptance = null)
    {
        var outcome = Planner.Resolve(Catalog, Catalog.BundlesByCode["newborn"], answers, applicant ?? ApplicantProfile.Anonymous, acceptance ?? Acceptance);
        Assert.True(outcome.IsValid, string.Join("; ", outcome.Problems));
        return outcome.Plan!;
    }

    [Fact]
    public void BornOutsideTheProvince_StopsTheBundleWithTheReason()
    {
        var plan = Resolve(new() { ["birthplace"] = ["elsewhere"] });

        Assert.True(plan.IsStopped);
        Assert.Equal("birthplace", plan.Stop!.QuestionId);
        Assert.Contains("江西省内助产机构", plan.Stop.Reason);
        Assert.Empty(plan.Matters);
        // Questions after the stop are not asked, so they need no answer.
        Assert.All(plan.Questions.Skip(1), q => Assert.False(q.Applicable));
    }

    [Fact]
    public void MinimalScenario_HasTheFourCoreMattersOfFiveDepartmentsMinusTheOptionalOnes()
    {
        var plan = Resolve(Answers());

        Assert.Equal(
            ["birth-medical-certificate", "vaccination-certificate", "birth-registration", "resident-medical-enrolment"],
            plan.Matters.Select(m => m.Code));
        Assert.Equal(["兴国县卫生健康委员会", "兴国县疾病预防控制中心", "兴国县公安局", "兴国县医疗保障局"], plan.Matters.Select(m => m.DepartmentName));
    }

    [Fact]
    public void StrictEdges_ChainTheDates_OnTheOfficialCalendar()
    {
        var plan = Resolve(Answers());
        var byCode = plan.Matters.ToDictionary(m => m.Code);

        // 5 working days after 09-24: 09-28, 09-29, 09-30, 10-08, 10-09.
        Assert.Equal(new DateOnly(2026, 10, 9), byCode["birth-medical-certificate"].End);
        Assert.Equal(new DateOnly(2026, 9, 28), byCode["vaccination-certificate"].End);
        // Strict: registration starts when the certificate is issued, 10 working days incl. Saturday 10-10.
        Assert.Equal(new DateOnly(2026, 10, 9), byCode["birth-registration"].Start);
        Assert.Equal(new DateOnly(2026, 10, 22), byCode["birth-registration"].End);
        Assert.Equal(new DateOnly(2026, 10, 23), byCode["resident-medical-enrolment"].End);

        var timing = plan.Timing!;
        Assert.Equal(["birth-medical-certificate", "birth-registration", "resident-medical-enrolment"], timing.CriticalPath);
        Assert.Equal(16, timing.CriticalPathWorkingDays);
        Assert.Equal(new DateOnly(2026, 10, 23), timing.ExpectedCompletion);
        Assert.Equal(17, timing.SerialWorkingDays); // 5 + 1 + 10 + 1, one after another
        Assert.Equal(new DateOnly(2026, 10, 9), timing.PromisedDeadline); // the bundle promises 5 working days
        Assert.False(timing.IsEstimate);
        Assert.Null(timing.CalendarWarning);
        Assert.True(byCode["birth-registration"].OnCriticalPath);
        Assert.False(byCode["vaccination-certificate"].OnCriticalPath);
    }

    [Fact]
    public void PrereviewEdge_StartsAtAcceptance_AndDecidesNoEarlierThanThePrerequisite()
    {
        var plan = Resolve(Answers(sscard: "yes", maternity: "yes"));
        var byCode = plan.Matters.ToDictionary(m => m.Code);

        var card = byCode["social-security-card"];
        Assert.Equal(Acceptance, card.Start); // reviews at once, not after registration
        Assert.Equal(new DateOnly(2026, 11, 12), card.End); // its own 30 working days outlast registration (10-22)
        var maternity = byCode["maternity-medical-benefit"];
        Assert.Equal(Acceptance, maternity.Start);
        Assert.Equal(new DateOnly(2026, 10, 29), maternity.End);
        Assert.Equal(["social-security-card"], plan.Timing!.CriticalPath);
        Assert.Equal(30, plan.Timing.CriticalPathWorkingDays);
        Assert.Contains(plan.Edges, e => e.From == "birth-registration" && e.To == "social-security-card" && e.Mode == EdgeMode.Prereview);
    }

    [Fact]
    public void MergedForm_AsksEachDatumOnce_AndSaysWhichMattersNeedIt()
    {
        var plan = Resolve(Answers(sscard: "yes"));
        var fields = plan.Form.SelectMany(s => s.Fields).ToList();

        Assert.Equal(fields.Count, fields.Select(f => f.Key).Distinct().Count());
        var childName = fields.Single(f => f.Key == "child.name");
        Assert.Equal(["birth-medical-certificate", "vaccination-certificate", "birth-registration", "resident-medical-enrolment", "social-security-card"], childName.Matters);
        Assert.Equal("新生儿信息", plan.Form.Single(s => s.Fields.Contains(childName)).Label);
        Assert.True(plan.Metrics!.FieldsBefore > plan.Metrics.FieldsAfter);
        Assert.Equal(fields.Count, plan.Metrics.FieldsAfter);
    }

    [Theory]
    [InlineData("father", "father.idNumber", true)]
    [InlineData("mother", "father.idNumber", false)] // still asked (the certificate takes it), but optional
    [InlineData("mother", "mother.idNumber", true)]
    public void SettlingWithAParent_MakesThatParentsIdRequired(string hukou, string key, bool required)
    {
        var plan = Resolve(Answers(hukou: hukou));
        var field = plan.Form.SelectMany(s => s.Fields).Single(f => f.Key == key);

        Assert.Equal(required, field.Required);
    }

    [Fact]
    public void SettlingWithTheFather_SendsTheFathersIdToRegistration()
    {
        var father = Resolve(Answers(hukou: "father")).Form.SelectMany(s => s.Fields).Single(f => f.Key == "father.idNumber");
        var mother = Resolve(Answers(hukou: "mother")).Form.SelectMany(s => s.Fields).Single(f => f.Key == "father.idNumber");

        Assert.Contains("birth-registration", father.Matters);
        Assert.DoesNotContain("birth-registration", mother.Matters);
    }

    [Fact]
    public void TheSharedInsuranceMatter_AsksForTheNewbornsData_NotTheApplicantsAddress()
    {
        var plan = Resolve(Answers());
        var fields = plan.Form.SelectMany(s => s.Fields).ToDictionary(f => f.Key);

        // resident-medical-enrolment insures "the applicant" elsewhere; here its address is the newborn's 落户地址.
        Assert.Contains("resident-medical-enrolment", fields["household.address"].Matters);
        Assert.Contains("resident-medical-enrolment", fields["child.name"].Matters);
        Assert.False(fields.ContainsKey("applicant.address"));
        Assert.DoesNotContain(plan.Materials, m => m.Key == "disability-card");
    }

    [Fact]
    public void ParentsOfDifferentEthnicity_AddTheEthnicityApplicationAndFields()
    {
        var same = Resolve(Answers(ethnicity: "same"));
        var different = Resolve(Answers(ethnicity: "different"));

        Assert.DoesNotContain(same.Materials, m => m.Key == "ethnicity-application");
        var application = Assert.Single(different.Materials, m => m.Key == "ethnicity-application");
        Assert.Equal(Necessity.Required, application.Necessity);
        Assert.Contains(different.Form.SelectMany(s => s.Fields), f => f.Key == "mother.ethnicity");
        Assert.DoesNotContain(same.Form.SelectMany(s => s.Fields), f => f.Key == "mother.ethnicity");
    }

    [Fact]
    public void BirthCertificate_IsExemptForRegistration_BecauseTheBundleProducesItFirst()
    {
        var plan = Resolve(Answers());
        var certificate = plan.Materials.Single(m => m.Key == "birth-medical-certificate");

        Assert.True(certificate.IsExempt);
        Assert.Equal(ExemptionKind.BundleResult, certificate.Exemption!.Kind);
        Assert.Equal("birth-medical-certificate", certificate.Exemption.Matter);
        Assert.Contains("出生医学证明首次签发", certificate.Exemption.Reason);
        Assert.False(plan.Materials.Single(m => m.Key == "household-register").IsExempt);
    }

    [Fact]
    public void HeldLicensesAndSharedChecks_ExemptMaterials_WithTheirReason()
    {
        var applicant = new ApplicantProfile
        {
            PassedChecks = new HashSet<string> { "population.hukou" },
            Licenses =
            [
                new HeldLicense("1.2.156.3005.2.11100000MB0002026T001.11360732MB00011852.2020000001.001.X", "11100000MB0002026T001", "结婚证", LicenseStatus.Valid, null),
            ],
        };
        var plan = Resolve(Answers(), applicant);

        var marriage = plan.Materials.Single(m => m.Key == "marriage-certificate");
        Assert.Equal(ExemptionKind.License, marriage.Exemption!.Kind);
        Assert.Equal("1.2.156.3005.2.11100000MB0002026T001.11360732MB00011852.2020000001.001.X", marriage.Exemption.LicenseIdentifier);
        Assert.Contains("结婚证", marriage.Exemption.Reason);
        var hukou = plan.Materials.Single(m => m.Key == "household-register");
        Assert.Equal(ExemptionKind.DataCheck, hukou.Exemption!.Kind);
        Assert.Contains("户籍信息核验", hukou.Exemption.Reason);
        Assert.Equal(plan.Materials.Count(m => m.IsExempt), plan.Metrics!.MaterialsExempted);
        Assert.Equal(plan.Materials.Count - plan.Metrics.MaterialsExempted, plan.Metrics.MaterialsAfter);
    }

    [Theory]
    [InlineData(LicenseStatus.Revoked, null)]
    [InlineData(LicenseStatus.Expired, null)]
    [InlineData(LicenseStatus.Valid, "2026-09-23")] // validity ended the day before acceptance
    public void RevokedOrExpiredLicenses_DoNotExempt(LicenseStatus status, string? validUntil)
    {
        var applicant = new ApplicantProfile
        {
            Licenses = [new HeldLicense("x", "11100000MB0002026T001", "结婚证", status, validUntil is null ? null : DateOnly.Parse(validUntil, System.Globalization.CultureInfo.InvariantCulture))],
        };
        var plan = Resolve(Answers(), applicant);

        Assert.False(plan.Materials.Single(m => m.Key == "marriage-certificate").IsExempt);
    }

    [Fact]
    public void SharedData_PrefillsFields_NamingTheSource()
    {
        var applicant = new ApplicantProfile
        {
            SharedData = new Dictionary<string, string> { ["population.name"] = "张三", ["population.hukouAddress"] = "兴国县潋江镇示例路1号" },
            Facts = new Dictionary<string, ConditionValue> { ["age"] = ConditionValue.Number(30) },
        };
        var plan = Resolve(Answers(), applicant);
        var fields = plan.Form.SelectMany(s => s.Fields).ToDictionary(f => f.Key);

        Assert.Equal("张三", fields["applicant.name"].PrefillValue);
        Assert.Equal("人口基础信息库", fields["applicant.name"].PrefillSource);
        Assert.Equal("兴国县潋江镇示例路1号", fields["household.address"].PrefillValue);
        Assert.Null(fields["applicant.phone"].PrefillValue);
        Assert.Equal(2, plan.Metrics!.FieldsPrefilled);
    }

    [Fact]
    public void ReformMetrics_CompareTheMattersOneByOneWithTheBundle()
    {
        var plan = Resolve(Answers());
        var metrics = plan.Metrics!;

        Assert.Equal(4, metrics.DepartmentsBefore);
        Assert.Equal(4, metrics.TripsBefore);
        Assert.Equal(0, metrics.TripsAfter); // 全程网办
        Assert.Equal(4, metrics.StepsAfter);
        Assert.Equal(4 + 3 + 5 + 3, metrics.StepsBefore);
        Assert.Equal(17, metrics.DaysBefore);
        Assert.Equal(16, metrics.DaysAfter);
        // resident-id-card (2 matters), household-register (2) … each matter counted its own copy.
        Assert.True(metrics.MaterialsBefore > plan.Materials.Count);
    }

    [Fact]
    public void APlanReachingAnUnpublishedYear_SaysItIsAnEstimate()
    {
        var plan = Resolve(Answers(sscard: "yes"), acceptance: new DateOnly(2026, 12, 15));

        Assert.True(plan.Timing!.IsEstimate);
        Assert.Contains("2027", plan.Timing.CalendarWarning);
    }

    [Theory]
    [InlineData("hukou", "grandma", "没有选项")]
    [InlineData("sscard", null, "请回答")]
    [InlineData("nonsense", "x", "未知的情形问题")]
    public void InvalidAnswers_AreRejected_NamingTheQuestion(string question, string? value, string message)
    {
        var answers = Answers();
        if (value is null)
        {
            answers.Remove(question);
        }
        else
        {
            answers[question] = [value];
        }
        var outcome = Planner.Resolve(Catalog, Catalog.BundlesByCode["newborn"], answers, ApplicantProfile.Anonymous, Acceptance);

        Assert.False(outcome.IsValid);
        var problem = Assert.Single(outcome.Problems);
        Assert.Equal(question, problem.QuestionId);
        Assert.Contains(message, problem.Message);
    }

    [Fact]
    public void TwoOptionsForASingleChoiceQuestion_AreRejected()
    {
        var answers = Answers();
        answers["hukou"] = ["father", "mother"];

        var outcome = Planner.Resolve(Catalog, Catalog.BundlesByCode["newborn"], answers, ApplicantProfile.Anonymous, Acceptance);

        Assert.Equal("hukou", Assert.Single(outcome.Problems).QuestionId);
    }

    [Fact]
    public void TimeLimitsUseTheMattersUnits()
    {
        var plan = Resolve(Answers());

        Assert.All(plan.Matters, m => Assert.Equal(LimitUnit.WorkingDays, m.Limit.Unit));
        Assert.Equal(new TimeLimit(5, LimitUnit.WorkingDays), plan.Timing!.Promised);
    }
}
