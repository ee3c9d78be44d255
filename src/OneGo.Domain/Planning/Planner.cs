using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;
using OneGo.Domain.Conditions;

namespace OneGo.Domain.Planning;

/// <summary>Either a plan, or the answers that prevented one.</summary>
public sealed record PlanOutcome(Plan? Plan, IReadOnlyList<AnswerProblem> Problems)
{
    public bool IsValid => Plan is not null;
}

/// <summary>
/// <c>Plan = Resolve(bundle, answers, applicant, acceptance date)</c>. Pure: everything it needs is passed in.
/// </summary>
public static class Planner
{
    private static readonly IReadOnlyList<string> NoAnswer = [];

    public static PlanOutcome Resolve(
        ServiceCatalog catalog,
        Bundle bundle,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers,
        ApplicantProfile applicant,
        DateOnly acceptance)
    {
        var scope = new PlanScope(applicant.Facts);
        var problems = new List<AnswerProblem>();
        var questions = new List<PlanQuestion>(bundle.Questions.Count);
        PlanStop? stop = null;

        foreach (var id in answers.Keys)
        {
            if (!bundle.Questions.Any(q => q.Id == id))
            {
                problems.Add(new AnswerProblem(id, $"未知的情形问题：{id}"));
            }
        }

        foreach (var question in bundle.Questions)
        {
            if (stop is not null || !question.When.Evaluate(scope))
            {
                questions.Add(new PlanQuestion(question.Id, question.Text, false, NoAnswer));
                continue;
            }
            var chosen = ReadAnswer(question, answers, scope, problems);
            if (chosen is null)
            {
                questions.Add(new PlanQuestion(question.Id, question.Text, true, NoAnswer));
                continue;
            }
            scope.SetAnswer(question, chosen);
            questions.Add(new PlanQuestion(question.Id, question.Text, true, chosen));
            foreach (var code in chosen)
            {
                var option = FindOption(question, code)!;
                if (option.Stop is not null)
                {
                    stop = new PlanStop(question.Id, option.Code, option.Stop);
                    break;
                }
            }
        }

        if (problems.Count > 0)
        {
            return new PlanOutcome(null, problems);
        }
        if (stop is not null)
        {
            return new PlanOutcome(new Plan { BundleCode = bundle.Code, BundleName = bundle.Name, Questions = questions, Stop = stop }, []);
        }

        var matters = new List<(BundleMatter Entry, Matter Matter)>();
        foreach (var entry in bundle.Matters)
        {
            if (catalog.MattersByCode.TryGetValue(entry.Matter, out var matter) && entry.When.Evaluate(scope))
            {
                matters.Add((entry, matter));
            }
        }
        var applicable = new HashSet<string>(matters.Select(m => m.Matter.Code), StringComparer.Ordinal);
        var edges = bundle.Edges
            .Where(e => applicable.Contains(e.From) && applicable.Contains(e.To))
            .Select(e => new PlannedEdge(e.From, e.To, e.Mode))
            .ToList();

        var (form, fieldsBefore, prefilled) = BuildForm(catalog, matters, scope, applicant);
        var (materials, materialsBefore) = BuildMaterials(catalog, matters, edges, scope, applicant, acceptance);
        var (planned, timing) = Schedule(catalog, bundle, matters, edges, acceptance);

        var exempted = materials.Count(m => m.IsExempt);
        var metrics = new ReformMetrics(
            FieldsBefore: fieldsBefore,
            FieldsAfter: form.Sum(s => s.Fields.Count),
            FieldsPrefilled: prefilled,
            MaterialsBefore: materialsBefore,
            MaterialsAfter: materials.Count - exempted,
            MaterialsExempted: exempted,
            DepartmentsBefore: matters.Select(m => m.Matter.Department).Distinct(StringComparer.Ordinal).Count(),
            // Handled one by one, every matter costs at least one visit to its department.
            TripsBefore: matters.Count,
            TripsAfter: bundle.Trips,
            StepsBefore: matters.Sum(m => m.Matter.Steps.Count),
            StepsAfter: bundle.Steps.Count,
            DaysBefore: timing.SerialWorkingDays,
            DaysAfter: timing.CriticalPathWorkingDays);

        return new PlanOutcome(new Plan
        {
            BundleCode = bundle.Code,
            BundleName = bundle.Name,
            Questions = questions,
            Matters = planned,
            Edges = edges,
            Form = form,
            Materials = materials,
            Timing = timing,
            Metrics = metrics,
        }, []);
    }

    private static QuestionOption? FindOption(Question question, string code)
    {
        foreach (var option in question.Options)
        {
            if (option.Code == code)
            {
                return option;
            }
        }
        return null;
    }

    private static IReadOnlyList<string>? ReadAnswer(
        Question question,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers,
        PlanScope scope,
        List<AnswerProblem> problems)
    {
        if (!answers.TryGetValue(question.Id, out var given) || given.Count == 0)
        {
            if (question.Default is not null)
            {
                given = [question.Default];
            }
            else if (question.Multiple && answers.ContainsKey(question.Id))
            {
                if (question.MinChoices == 0)
                {
                    return NoAnswer; // a multiple-choice question may be answered with nothing chosen
                }
                problems.Add(new AnswerProblem(question.Id, $"“{question.Text}”请至少选择{question.MinChoices}项"));
                return null;
            }
            else
            {
                problems.Add(new AnswerProblem(question.Id, $"请回答：{question.Text}"));
                return null;
            }
        }
        if (question.Multiple && given.Count < question.MinChoices)
        {
            problems.Add(new AnswerProblem(question.Id, $"“{question.Text}”请至少选择{question.MinChoices}项"));
            return null;
        }
        if (!question.Multiple && given.Count > 1)
        {
            problems.Add(new AnswerProblem(question.Id, $"“{question.Text}”只能选择一项"));
            return null;
        }
        var ok = true;
        foreach (var code in given)
        {
            var option = FindOption(question, code);
            if (option is null)
            {
                problems.Add(new AnswerProblem(question.Id, $"“{question.Text}”没有选项“{code}”"));
                ok = false;
            }
            else if (!option.When.Evaluate(scope))
            {
                problems.Add(new AnswerProblem(question.Id, $"“{question.Text}”的选项“{option.Label}”在当前情形下不可选"));
                ok = false;
            }
        }
        if (given.Distinct(StringComparer.Ordinal).Count() != given.Count)
        {
            problems.Add(new AnswerProblem(question.Id, $"“{question.Text}”的选项重复"));
            ok = false;
        }
        return ok ? given : null;
    }

    private static (List<PlanFormSection> Form, int FieldsBefore, int Prefilled) BuildForm(
        ServiceCatalog catalog,
        List<(BundleMatter Entry, Matter Matter)> matters,
        PlanScope scope,
        ApplicantProfile applicant)
    {
        var merged = new Dictionary<string, (bool Required, List<string> Matters)>(StringComparer.Ordinal);
        var order = new List<string>();
        var before = 0;
        foreach (var (entry, matter) in matters)
        {
            foreach (var (key, required) in ScenarioFields(entry, matter, scope))
            {
                before++;
                if (merged.TryGetValue(key, out var existing))
                {
                    existing.Matters.Add(matter.Code);
                    merged[key] = (existing.Required || required, existing.Matters);
                }
                else
                {
                    merged[key] = (required, [matter.Code]);
                    order.Add(key);
                }
            }
        }

        var prefilled = 0;
        var sections = new List<PlanFormSection>();
        foreach (var group in order
            .Where(catalog.FieldsByKey.ContainsKey)
            .GroupBy(key => catalog.FieldsByKey[key].Section)
            .OrderBy(g => catalog.SectionsByCode.TryGetValue(g.Key, out var s) ? s.Order : int.MaxValue))
        {
            var fields = new List<PlanField>();
            foreach (var key in group)
            {
                var definition = catalog.FieldsByKey[key];
                string? value = null;
                string? source = null;
                if (definition.Prefill is not null && applicant.SharedData.TryGetValue(definition.Prefill, out var found))
                {
                    value = found;
                    var sourceCode = definition.Prefill.Split('.', 2)[0];
                    source = catalog.SourcesByCode.TryGetValue(sourceCode, out var s) ? s.Name : sourceCode;
                    prefilled++;
                }
                var (required, needing) = merged[key];
                fields.Add(new PlanField(key, definition.Label, definition.Type, required, needing, definition.Options, value, source));
            }
            var label = catalog.SectionsByCode.TryGetValue(group.Key, out var section) ? section.Label : group.Key;
            sections.Add(new PlanFormSection(group.Key, label, fields));
        }
        return (sections, before, prefilled);
    }

    /// <summary>The fields one matter needs under these answers: its own, adjusted and extended by the bundle's scenario rules.</summary>
    private static IEnumerable<(string Key, bool Required)> ScenarioFields(BundleMatter entry, Matter matter, PlanScope scope)
    {
        foreach (var field in matter.Fields)
        {
            var rule = FindRule(entry.Fields, field.Key);
            if (rule is null)
            {
                yield return (field.Key, field.Required);
            }
            else if (rule.When.Evaluate(scope))
            {
                yield return (rule.As ?? field.Key, rule.Required ?? field.Required);
            }
        }
        foreach (var rule in entry.Fields)
        {
            if (!matter.Fields.Any(f => f.Key == rule.Key) && rule.When.Evaluate(scope))
            {
                yield return (rule.Key, rule.Required ?? true);
            }
        }
    }

    private static ScenarioRule? FindRule(IReadOnlyList<ScenarioRule> rules, string key)
    {
        foreach (var rule in rules)
        {
            if (rule.Key == key)
            {
                return rule;
            }
        }
        return null;
    }

    private static (List<PlanMaterial> Materials, int MaterialsBefore) BuildMaterials(
        ServiceCatalog catalog,
        List<(BundleMatter Entry, Matter Matter)> matters,
        List<PlannedEdge> edges,
        PlanScope scope,
        ApplicantProfile applicant,
        DateOnly acceptance)
    {
        var merged = new Dictionary<string, (MatterMaterial Material, Necessity Necessity, int Count, List<string> Matters)>(StringComparer.Ordinal);
        var order = new List<string>();
        var before = 0;
        foreach (var (entry, matter) in matters)
        {
            foreach (var (material, necessity) in ScenarioMaterials(entry, matter, scope))
            {
                before++;
                if (merged.TryGetValue(material.Key, out var existing))
                {
                    existing.Matters.Add(matter.Code);
                    merged[material.Key] = (existing.Material, Stronger(existing.Necessity, necessity), Math.Max(existing.Count, material.Count), existing.Matters);
                }
                else
                {
                    merged[material.Key] = (material, necessity, material.Count, [matter.Code]);
                    order.Add(material.Key);
                }
            }
        }

        var list = new List<PlanMaterial>(order.Count);
        foreach (var key in order)
        {
            if (!catalog.MaterialsByKey.TryGetValue(key, out var definition))
            {
                continue;
            }
            var (material, necessity, count, needing) = merged[key];
            var exemption = FindExemption(catalog, definition, needing, matters, edges, applicant, acceptance);
            list.Add(new PlanMaterial(key, definition.Name, definition.Kind, necessity, material.Form, count, needing, exemption));
        }
        return (list, before);
    }

    private static IEnumerable<(MatterMaterial Material, Necessity Necessity)> ScenarioMaterials(BundleMatter entry, Matter matter, PlanScope scope)
    {
        foreach (var material in matter.Materials)
        {
            var rule = FindRule(entry.Materials, material.Key);
            if (rule is null)
            {
                yield return (material, material.Necessity);
            }
            else if (rule.When.Evaluate(scope))
            {
                yield return (material, rule.Necessity ?? material.Necessity);
            }
        }
        foreach (var rule in entry.Materials)
        {
            if (!matter.Materials.Any(m => m.Key == rule.Key) && rule.When.Evaluate(scope))
            {
                var added = new MatterMaterial { Key = rule.Key, Necessity = rule.Necessity ?? Necessity.Required, Location = rule.Location };
                yield return (added, added.Necessity);
            }
        }
    }

    private static Necessity Stronger(Necessity a, Necessity b) =>
        a == Necessity.Required || b == Necessity.Required ? Necessity.Required
        : a == Necessity.Tolerable || b == Necessity.Tolerable ? Necessity.Tolerable
        : Necessity.Optional;

    /// <summary>
    /// 凡是政府部门核发的材料，原则上一律免于提交: a held valid e-license first, then a data-sharing check,
    /// then the result of an earlier matter of this bundle that every needing matter waits for.
    /// </summary>
    private static Exemption? FindExemption(
        ServiceCatalog catalog,
        MaterialDefinition material,
        List<string> needing,
        List<(BundleMatter Entry, Matter Matter)> matters,
        List<PlannedEdge> edges,
        ApplicantProfile applicant,
        DateOnly acceptance)
    {
        if (material.LicenseType is not null)
        {
            foreach (var license in applicant.Licenses)
            {
                if (license.TypeCode == material.LicenseType
                    && license.Status == LicenseStatus.Valid
                    && (license.ValidUntil is null || license.ValidUntil >= acceptance))
                {
                    return new Exemption(
                        ExemptionKind.License,
                        $"已持有有效电子证照《{license.Name}》（证照标识 {license.Identifier}），免于提交",
                        license.Identifier, null, null);
                }
            }
        }
        if (material.Check is not null && applicant.PassedChecks.Contains(material.Check))
        {
            var name = catalog.ChecksByCode.TryGetValue(material.Check, out var check) ? check.Name : material.Check;
            var source = check is not null && catalog.SourcesByCode.TryGetValue(check.Source, out var s) ? s.Name : null;
            var via = source is null ? $"“{name}”" : $"{source}“{name}”";
            return new Exemption(ExemptionKind.DataCheck, $"通过{via}共享核验，免于提交", null, material.Check, null);
        }
        foreach (var (_, producer) in matters)
        {
            var produces = producer.Result.Material == material.Key
                || (material.LicenseType is not null && producer.Result.LicenseType == material.LicenseType);
            if (produces && needing.All(m => m != producer.Code && IsAncestor(producer.Code, m, edges)))
            {
                return new Exemption(
                    ExemptionKind.BundleResult,
                    $"由本“一件事”中“{producer.Name}”的办理结果自动获取，免于提交",
                    null, null, producer.Code);
            }
        }
        return null;
    }

    internal static bool IsAncestor(string ancestor, string descendant, IReadOnlyList<PlannedEdge> edges)
    {
        var stack = new Stack<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        stack.Push(descendant);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            foreach (var edge in edges)
            {
                if (edge.To == current && seen.Add(edge.From))
                {
                    if (edge.From == ancestor)
                    {
                        return true;
                    }
                    stack.Push(edge.From);
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Strict edge: the dependent starts when the prerequisite ends. Prereview edge: the dependent reviews
    /// from acceptance and decides no earlier than the prerequisite ends.
    /// </summary>
    internal static (List<PlannedMatter> Matters, PlanTiming Timing) Schedule(
        ServiceCatalog catalog,
        Bundle bundle,
        List<(BundleMatter Entry, Matter Matter)> matters,
        List<PlannedEdge> edges,
        DateOnly acceptance)
    {
        var calendar = catalog.Calendar;
        var missing = new SortedSet<int>();
        var start = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var end = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        var drivenBy = new Dictionary<string, string>(StringComparer.Ordinal);

        var limits = matters.ToDictionary(m => m.Matter.Code, m => m.Entry.Promised ?? m.Matter.PromisedLimit, StringComparer.Ordinal);
        var ordered = TopologicalOrder(matters.Select(m => m.Matter).ToList(), edges);
        foreach (var matter in ordered)
        {
            var begin = acceptance;
            string? driver = null;
            foreach (var edge in edges)
            {
                if (edge.To == matter.Code && edge.Mode == EdgeMode.Strict && end[edge.From] > begin)
                {
                    begin = end[edge.From];
                    driver = edge.From;
                }
            }
            var finish = Note(calendar.Add(begin, limits[matter.Code]), missing);
            foreach (var edge in edges)
            {
                if (edge.To == matter.Code && edge.Mode == EdgeMode.Prereview && end[edge.From] > finish)
                {
                    finish = end[edge.From];
                    driver = edge.From;
                }
            }
            start[matter.Code] = begin;
            end[matter.Code] = finish;
            if (driver is not null)
            {
                drivenBy[matter.Code] = driver;
            }
        }

        var critical = new List<string>();
        var completion = acceptance;
        string? last = null;
        // On a tie the later matter in dependency order ends the path: a prereview dependent that decides
        // the day its prerequisite ends is what completes the case.
        foreach (var matter in ordered)
        {
            if (last is null || end[matter.Code] >= completion)
            {
                completion = end[matter.Code];
                last = matter.Code;
            }
        }
        for (var code = last; code is not null; code = drivenBy.GetValueOrDefault(code))
        {
            critical.Insert(0, code);
        }

        var serialEnd = acceptance;
        foreach (var matter in ordered)
        {
            serialEnd = Note(calendar.Add(serialEnd, limits[matter.Code]), missing);
        }
        var promisedDeadline = Note(calendar.Add(acceptance, bundle.PromisedLimit), missing);
        var criticalDays = Note(calendar.WorkingDaysBetween(acceptance, completion), missing);
        var serialDays = Note(calendar.WorkingDaysBetween(acceptance, serialEnd), missing);

        var planned = matters.Select(m => new PlannedMatter(
            m.Matter.Code,
            m.Matter.Name,
            m.Matter.Department,
            catalog.DepartmentsByCode.TryGetValue(m.Matter.Department, out var d) ? d.Name : m.Matter.Department,
            limits[m.Matter.Code],
            start[m.Matter.Code],
            end[m.Matter.Code],
            critical.Contains(m.Matter.Code),
            m.Matter.Result.Name)).ToList();

        var warning = EstimateWarning.For(missing.ToList());
        var timing = new PlanTiming(
            acceptance,
            bundle.PromisedLimit,
            promisedDeadline,
            criticalDays,
            critical,
            completion,
            serialDays,
            serialEnd,
            missing.Count > 0,
            warning);
        return (planned, timing);
    }

    private static DateOnly Note(CalendarDate date, SortedSet<int> missing)
    {
        foreach (var year in date.MissingYears)
        {
            missing.Add(year);
        }
        return date.Date;
    }

    private static int Note(WorkingDayCount count, SortedSet<int> missing)
    {
        foreach (var year in count.MissingYears)
        {
            missing.Add(year);
        }
        return count.Days;
    }

    /// <summary>Kahn's algorithm, stable in the bundle's order. Lint rejects cycles; any left over go last.</summary>
    internal static List<Matter> TopologicalOrder(List<Matter> matters, IReadOnlyList<PlannedEdge> edges)
    {
        var incoming = matters.ToDictionary(m => m.Code, _ => 0, StringComparer.Ordinal);
        foreach (var edge in edges)
        {
            incoming[edge.To]++;
        }
        var result = new List<Matter>(matters.Count);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var progress = true;
        while (progress && result.Count < matters.Count)
        {
            progress = false;
            foreach (var matter in matters)
            {
                if (!done.Contains(matter.Code) && incoming[matter.Code] == 0)
                {
                    done.Add(matter.Code);
                    result.Add(matter);
                    progress = true;
                    foreach (var edge in edges)
                    {
                        if (edge.From == matter.Code)
                        {
                            incoming[edge.To]--;
                        }
                    }
                }
            }
        }
        result.AddRange(matters.Where(m => !done.Contains(m.Code)));
        return result;
    }

    /// <summary>Answers and facts as the condition language sees them.</summary>
    private sealed class PlanScope(IReadOnlyDictionary<string, ConditionValue> facts) : IConditionScope
    {
        private readonly Dictionary<string, ConditionValue> answers = new(StringComparer.Ordinal);

        public void SetAnswer(Question question, IReadOnlyList<string> chosen) =>
            answers[question.Id] = question.Multiple ? ConditionValue.TextSet(chosen.ToArray()) : ConditionValue.Text(chosen[0]);

        public ConditionValue Answer(string question) => answers.TryGetValue(question, out var value) ? value : ConditionValue.Unset;

        public ConditionValue Fact(string name) => facts.TryGetValue(name, out var value) ? value : ConditionValue.Unset;
    }
}
