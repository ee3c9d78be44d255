using OneGo.Domain.Catalog;

namespace OneGo.Web.Tests.Catalog;

/// <summary>Each error class of the catalog lint, found in a catalog broken on purpose, with its file and line.</summary>
public class LintTests
{
    private static LintIssue SingleError(MiniCatalog catalog, string code)
    {
        var result = catalog.Load();
        var errors = result.Errors.ToList();
        Assert.True(errors.Count == 1, "expected one error, got:\n" + string.Join("\n", errors));
        Assert.Equal(code, errors[0].Code);
        return errors[0];
    }

    [Fact]
    public void TheMiniCatalog_IsClean()
    {
        var result = new MiniCatalog().Load();

        Assert.Empty(result.Errors);
    }

    [Fact]
    public void TheRepositoryCatalog_HasNoErrors()
    {
        var result = RepositoryCatalog.Result;

        Assert.True(!result.HasErrors, string.Join("\n", result.Errors));
        Assert.True(result.Catalog.Bundles.Count >= 1);
    }

    [Fact]
    public void BrokenYaml_IsASyntaxErrorWithItsLine()
    {
        var issue = SingleError(new MiniCatalog().Add("broken.yaml", "departments:\n  - code: x\n    name: [unclosed\n"), LintCodes.Syntax);

        Assert.Equal("broken.yaml", issue.Location.File);
        Assert.True(issue.Location.Line >= 3);
    }

    [Fact]
    public void AnUnknownKey_IsASyntaxErrorNamingTheLine()
    {
        // The file cannot be read, so the bundle's references to its matters fail too.
        var errors = new MiniCatalog().Replace("matters.yaml", "    promised: 10工作日", "    promissed: 10工作日").Load().Errors.ToList();
        var issue = errors[0];
        Assert.Equal(LintCodes.Syntax, issue.Code);
        Assert.All(errors.Skip(1), e => Assert.Equal(LintCodes.UnknownReference, e.Code));

        Assert.Equal("matters.yaml", issue.Location.File);
        Assert.Equal(18, issue.Location.Line);
        Assert.Equal("未知的键“promissed”：请对照 docs/catalog-format.md 检查拼写和缩进", issue.Message);
    }

    [Fact]
    public void ADuplicateCodeAcrossFiles_IsReportedAtTheSecondDefinition()
    {
        var issue = SingleError(
            new MiniCatalog().Add("more-departments.yaml", "departments:\n  - {code: police, name: 另一个公安局, creditCode: 11360732MB0001037D}\n"),
            LintCodes.Duplicate);

        Assert.Equal("more-departments.yaml", issue.Location.File);
        Assert.Equal(2, issue.Location.Line);
        Assert.Contains("departments.yaml:2", issue.Message);
    }

    [Theory]
    [InlineData("matters.yaml", "department: police", "department: polis", "polis")]
    [InlineData("matters.yaml", "fields: [applicant.name, applicant.idNumber]", "fields: [applicant.name, applicant.idNumbr]", "applicant.idNumbr")]
    [InlineData("matters.yaml", "{key: hukou-book, necessity: tolerable}", "{key: hukou-bok, necessity: tolerable}", "hukou-bok")]
    [InlineData("dictionary.yaml", "licenseType: 11100000MB00020006001}", "licenseType: 11100000MB00020006002}", "11100000MB00020006002")]
    [InlineData("bundles/b.yaml", "leadDepartment: health", "leadDepartment: healht", "healht")]
    [InlineData("dictionary.yaml", "prefill: population.name", "prefill: census.name", "census.name")]
    [InlineData("dictionary.yaml", "check: population.hukou}", "check: population.hukuo}", "population.hukuo")]
    public void AReferenceToSomethingUndefined_IsAnError(string file, string from, string to, string named)
    {
        var issue = SingleError(new MiniCatalog().Replace(file, from, to), LintCodes.UnknownReference);

        Assert.Contains(named, issue.Message);
        Assert.Equal(file, issue.Location.File);
        Assert.True(issue.Location.Line > 0);
    }

    [Fact]
    public void AMisspelledBundleMatter_IsUnknown_AndItsEdgeNoLongerFits()
    {
        var errors = new MiniCatalog().Replace("bundles/b.yaml", "  - matter: registration", "  - matter: registraton").Load().Errors.ToList();

        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(LintCodes.UnknownReference, e.Code));
        Assert.Contains("registraton", errors[0].Message);
        Assert.Equal(21, errors[0].Location.Line);
    }

    [Theory]
    [InlineData("{key: applicant.name, as: child.name}", LintCodes.UnknownReference, "child.name")]
    [InlineData("{key: applicant.phone, as: applicant.name}", LintCodes.Invalid, "applicant.phone")]
    public void AFieldMappingMustMapAnExistingFieldOfTheMatterToAKnownField(string rule, string code, string named)
    {
        var issue = SingleError(
            new MiniCatalog().Add("dictionary-extra.yaml", "fields:\n  - {key: applicant.phone, label: 电话, type: phone}\n")
                .Replace("bundles/b.yaml", "    - matter: certificate\n", $"    - matter: certificate\n      fields:\n        - {rule}\n"),
            code);

        Assert.Contains(named, issue.Message);
    }

    [Fact]
    public void AnEdgeToAMatterOutsideTheBundle_IsAnError()
    {
        var issue = SingleError(new MiniCatalog().Replace("bundles/b.yaml", "{from: certificate, to: registration, mode: strict}", "{from: certificate, to: adoption, mode: strict}"), LintCodes.UnknownReference);

        Assert.Contains("adoption", issue.Message);
    }

    [Fact]
    public void APrerequisiteCycle_IsAnError()
    {
        var issue = SingleError(
            new MiniCatalog().Replace("bundles/b.yaml", "    - {from: certificate, to: registration, mode: strict}", "    - {from: certificate, to: registration, mode: strict}\n    - {from: registration, to: certificate, mode: prereview}"),
            LintCodes.Cycle);

        Assert.Contains("certificate → registration → certificate", issue.Message);
    }

    [Theory]
    [InlineData("answers.card == 'maybe'", "maybe")]          // unknown option
    [InlineData("answers.colour == 'red'", "colour")]         // unknown question
    [InlineData("facts.income > 3000", "income")]             // unknown fact
    [InlineData("answers.card == ", "语法")]                  // does not parse
    public void ABadCondition_IsAnError(string condition, string named)
    {
        var issue = SingleError(new MiniCatalog().Replace("bundles/b.yaml", "when: answers.card == 'yes'", $"when: \"{condition}\""), LintCodes.Condition);

        Assert.Contains(named, issue.Message);
        Assert.Equal("bundles/b.yaml", issue.Location.File);
    }

    [Fact]
    public void AQuestionCondition_MayNotNameALaterQuestion()
    {
        var issue = SingleError(
            new MiniCatalog().Replace("bundles/b.yaml", "      text: 在哪里出生？", "      text: 在哪里出生？\n      when: answers.card == 'yes'"),
            LintCodes.Condition);

        Assert.Contains("card", issue.Message);
    }

    [Fact]
    public void AnOptionThatCanNeverBeChosen_IsAnError()
    {
        var issue = SingleError(
            new MiniCatalog().Replace("bundles/b.yaml", "{code: \"no\", label: 否}", "{code: \"no\", label: 否, when: \"answers.where == 'away'\"}"),
            LintCodes.OptionNeverChosen);

        Assert.Contains("no", issue.Message);
    }

    [Fact]
    public void AMatterThatCanNeverApply_IsAnError()
    {
        // 'away' stops the bundle, so no scenario with where == 'away' reaches the matters.
        var issue = SingleError(new MiniCatalog().Replace("bundles/b.yaml", "when: answers.card == 'yes'", "when: answers.where == 'away'"), LintCodes.MatterNeverApplies);

        Assert.Contains("registration", issue.Message);
    }

    [Fact]
    public void AScenarioWhereNoMatterApplies_IsAnErrorNamingIt()
    {
        var issue = SingleError(
            new MiniCatalog().Replace("bundles/b.yaml", "    - matter: certificate\n", "    - matter: certificate\n      when: answers.card == 'yes'\n"),
            LintCodes.NoMatterApplies);

        Assert.Contains("card=no", issue.Message);
    }

    [Fact]
    public void AFactConditionThatIsAlwaysFalse_MakesTheMatterNeverApply()
    {
        var issue = SingleError(new MiniCatalog().Replace("bundles/b.yaml", "when: answers.card == 'yes'", "when: \"facts.age > 60 and facts.age < 18\""), LintCodes.MatterNeverApplies);

        Assert.Contains("registration", issue.Message);
    }

    [Fact]
    public void AFactConditionThatCanHold_IsFine()
    {
        var result = new MiniCatalog().Replace("bundles/b.yaml", "when: answers.card == 'yes'", "when: \"facts.age >= 60 and answers.card == 'yes'\"").Load();

        Assert.Empty(result.Errors);
    }

    [Theory]
    [InlineData("matters.yaml", "promised: 10工作日", "promised: 0工作日")]
    [InlineData("bundles/b.yaml", "promised: 5工作日", "promised: -3自然日")]
    public void ALimitThatIsNotPositive_IsAnError(string file, string from, string to)
    {
        SingleError(new MiniCatalog().Replace(file, from, to), LintCodes.NonPositiveLimit);
    }

    [Fact]
    public void ALimitWithoutAUnit_IsAnInvalidValue()
    {
        var issue = SingleError(new MiniCatalog().Replace("matters.yaml", "promised: 10工作日", "promised: 10天"), LintCodes.Invalid);

        Assert.Contains("工作日", issue.Message);
    }

    [Fact]
    public void ADepartmentCreditCodeWithAWrongCheckCharacter_IsAnError()
    {
        var issue = SingleError(new MiniCatalog().Replace("departments.yaml", "11360732MB0001037D", "11360732MB0001037E"), LintCodes.CreditCode);

        Assert.Contains("兴国县公安局", issue.Message);
        Assert.Equal(2, issue.Location.Line);
    }

    [Fact]
    public void AMissingRegion_IsAnError()
    {
        var catalog = new MiniCatalog();
        catalog.Files["region.yaml"] = catalog.Files["region.yaml"].Split("sources:")[0].Replace("region:", "unused:", StringComparison.Ordinal);
        catalog.Files["region.yaml"] = "sources:" + new MiniCatalog().Files["region.yaml"].Split("sources:")[1];

        SingleError(catalog, LintCodes.Region);
    }

    [Fact]
    public void AMissingCalendarForNextYear_IsAWarningFromOctober()
    {
        var june = new MiniCatalog().Load();
        var october = OneGo.Web.Features.Catalog.CatalogLoader.LoadFiles(new MiniCatalog().Files.Select(f => (f.Key, f.Value)), new DateOnly(2026, 10, 15));

        Assert.DoesNotContain(june.Issues, i => i.Code == LintCodes.MissingCalendar);
        var warning = Assert.Single(october.Issues, i => i.Code == LintCodes.MissingCalendar);
        Assert.Equal(LintSeverity.Warning, warning.Severity);
        Assert.Contains("2027", warning.Message);
    }

    [Fact]
    public void AResultThatFeedsAMatterWithoutAnEdge_IsAWarning()
    {
        var result = new MiniCatalog().Replace("bundles/b.yaml", "    - {from: certificate, to: registration, mode: strict}", "    []").Replace("bundles/b.yaml", "  edges:\n    []", "  edges: []").Load();

        Assert.Empty(result.Errors);
        Assert.Contains(result.Issues, i => i.Code == LintCodes.ResultNotConnected && i.Severity == LintSeverity.Warning);
    }
}

public class BundlePromiseTests
{
    [Fact]
    public void APromiseShorterThanTheCriticalPath_IsAWarningNamingTheScenario()
    {
        // certificate (5) then registration (10) in the card=yes scenario: 15 working days against a promise of 5.
        var result = new MiniCatalog().Load();

        var warning = Assert.Single(result.Issues, i => i.Code == LintCodes.PromiseShorterThanPath);
        Assert.Equal(LintSeverity.Warning, warning.Severity);
        Assert.Contains("card=yes", warning.Message);
        Assert.Contains("15 个工作日", warning.Message);
        Assert.Equal("bundles/b.yaml", warning.Location.File);
    }

    [Fact]
    public void CompressingAMattersLimitInTheBundle_KeepsThePromise()
    {
        var catalog = new MiniCatalog()
            .Replace("bundles/b.yaml", "promised: 5工作日", "promised: 8工作日")
            .Replace("bundles/b.yaml", "      when: answers.card == 'yes'", "      when: answers.card == 'yes'\n      promised: 3工作日");
        var result = catalog.Load();

        Assert.Empty(result.Errors);
        Assert.DoesNotContain(result.Issues, i => i.Code == LintCodes.PromiseShorterThanPath);
        var bundle = result.Catalog.BundlesByCode["b"];
        var plan = OneGo.Domain.Planning.Planner.Resolve(result.Catalog, bundle,
            new Dictionary<string, IReadOnlyList<string>> { ["where"] = ["here"], ["card"] = ["yes"] },
            OneGo.Domain.Planning.ApplicantProfile.Anonymous, new DateOnly(2026, 6, 1)).Plan!;
        Assert.Equal(3, plan.Matters.Single(m => m.Code == "registration").Limit.Value);
        Assert.Equal(8, plan.Timing!.CriticalPathWorkingDays);
    }

    [Fact]
    public void ACompressedLimitMustBePositive()
    {
        var result = new MiniCatalog().Replace("bundles/b.yaml", "      when: answers.card == 'yes'", "      when: answers.card == 'yes'\n      promised: 0工作日").Load();

        Assert.Equal(LintCodes.NonPositiveLimit, Assert.Single(result.Errors).Code);
    }
}
