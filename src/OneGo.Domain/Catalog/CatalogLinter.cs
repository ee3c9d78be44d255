using System.Text.RegularExpressions;
using OneGo.Domain.Conditions;
using OneGo.Domain.Identifiers;

namespace OneGo.Domain.Catalog;

/// <summary>
/// Every check a catalog must pass before it is published. Pure: the date passed in only decides
/// which calendar years must be present.
/// </summary>
public static class CatalogLinter
{
    /// <summary>Scenario enumeration stops here and says so; real bundles stay far below it.</summary>
    public const int MaxScenarios = 200_000;

    public static IReadOnlyList<LintIssue> Lint(ServiceCatalog catalog, DateOnly today)
    {
        var issues = new List<LintIssue>();
        void Error(string code, string message, SourceLocation at) => issues.Add(new LintIssue(LintSeverity.Error, code, message, at));
        void Warn(string code, string message, SourceLocation at) => issues.Add(new LintIssue(LintSeverity.Warning, code, message, at));

        if (catalog.Region is null)
        {
            Error(LintCodes.Region, "目录缺少 region（县区及政务服务中心信息）", SourceLocation.None);
        }

        Duplicates(catalog.Sources, s => s.Code, s => s.Location, "数据来源", Error);
        Duplicates(catalog.Checks, c => c.Code, c => c.Location, "共享核验", Error);
        Duplicates(catalog.Facts, f => f.Name, f => f.Location, "申请人事实", Error);
        Duplicates(catalog.Departments, d => d.Code, d => d.Location, "部门", Error);
        Duplicates(catalog.Sections, s => s.Code, s => s.Location, "表单分组", Error);
        Duplicates(catalog.Fields, f => f.Key, f => f.Location, "表单项", Error);
        Duplicates(catalog.Materials, m => m.Key, m => m.Location, "材料", Error);
        Duplicates(catalog.LicenseTypes, t => t.Code, t => t.Location, "证照类型", Error);
        Duplicates(catalog.Matters, m => m.Code, m => m.Location, "事项", Error);
        Duplicates(catalog.Bundles, b => b.Code, b => b.Location, "一件事", Error);

        LintCalendar(catalog, today, Error, Warn);

        foreach (var check in catalog.Checks)
        {
            if (!catalog.SourcesByCode.ContainsKey(check.Source))
            {
                Error(LintCodes.UnknownReference, $"共享核验 {check.Code} 引用了未定义的数据来源 {check.Source}", check.Location);
            }
        }

        foreach (var department in catalog.Departments)
        {
            if (!CreditCode.TryParse(department.CreditCode, out _, out var error))
            {
                Error(LintCodes.CreditCode, $"部门 {department.Code}（{department.Name}）的统一社会信用代码 {department.CreditCode} 无效：{error}", department.Location);
            }
        }

        foreach (var type in catalog.LicenseTypes)
        {
            if (type.Code.Length != 21 || !type.Code[18..].All(char.IsAsciiDigit) || !CreditCode.TryParse(type.Code[..18], out _, out _))
            {
                Error(LintCodes.Invalid, $"证照类型代码 {type.Code} 应为21位：发布机构统一社会信用代码（18位，校验位正确）加3位顺序号", type.Location);
            }
            if (type.ValidYears is <= 0)
            {
                Error(LintCodes.NonPositiveLimit, $"证照类型 {type.Code} 的有效期必须为正数", type.Location);
            }
        }

        LintFields(catalog, Error);
        LintMaterials(catalog, Error);
        foreach (var matter in catalog.Matters)
        {
            LintMatter(catalog, matter, Error);
        }
        foreach (var bundle in catalog.Bundles)
        {
            LintBundle(catalog, bundle, today, Error, Warn);
        }
        return issues;
    }

    private static void Duplicates<T>(IEnumerable<T> items, Func<T, string> key, Func<T, SourceLocation> at, string what, Action<string, string, SourceLocation> error)
    {
        var first = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var k = key(item);
            if (string.IsNullOrWhiteSpace(k))
            {
                error(LintCodes.Invalid, $"{what}缺少代码", at(item));
            }
            else if (!first.TryAdd(k, at(item)))
            {
                error(LintCodes.Duplicate, $"{what}代码 {k} 重复（首次定义于 {first[k]}）", at(item));
            }
        }
    }

    private static void LintCalendar(ServiceCatalog catalog, DateOnly today, Action<string, string, SourceLocation> error, Action<string, string, SourceLocation> warn)
    {
        var years = new HashSet<int>();
        foreach (var year in catalog.CalendarYears)
        {
            if (!years.Add(year.Year))
            {
                error(LintCodes.Duplicate, $"{year.Year}年的节假日安排重复", SourceLocation.None);
            }
            foreach (var day in year.DaysOff.Concat(year.MakeUpWorkdays))
            {
                if (day.Year != year.Year)
                {
                    error(LintCodes.Invalid, $"{year.Year}年的节假日安排中出现了其他年份的日期 {day:yyyy-MM-dd}", SourceLocation.None);
                }
            }
            foreach (var day in year.MakeUpWorkdays)
            {
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    error(LintCodes.Invalid, $"调休上班日 {day:yyyy-MM-dd} 不是周末", SourceLocation.None);
                }
            }
        }
        if (!years.Contains(today.Year))
        {
            warn(LintCodes.MissingCalendar, $"缺少{today.Year}年的法定节假日安排，期限计算将按周一至周五估算", SourceLocation.None);
        }
        // Notices appear between October and December of the prior year (standards.md §1).
        if (today.Month >= 10 && !years.Contains(today.Year + 1))
        {
            warn(LintCodes.MissingCalendar, $"{today.Year + 1}年的法定节假日安排尚未录入：国务院办公厅通知发布后请及时补充", SourceLocation.None);
        }
    }

    private static void LintFields(ServiceCatalog catalog, Action<string, string, SourceLocation> error)
    {
        foreach (var field in catalog.Fields)
        {
            if (!field.Key.Contains('.', StringComparison.Ordinal))
            {
                error(LintCodes.Invalid, $"表单项 {field.Key} 应写作“分组.名称”，如 applicant.name", field.Location);
            }
            else if (!catalog.SectionsByCode.ContainsKey(field.Section))
            {
                error(LintCodes.UnknownReference, $"表单项 {field.Key} 所属的分组 {field.Section} 未定义（sections）", field.Location);
            }
            if (field.Type == FieldType.Enum && field.Options.Count == 0)
            {
                error(LintCodes.Invalid, $"枚举表单项 {field.Key} 没有选项", field.Location);
            }
            if (field.Pattern is not null && !IsValidPattern(field.Pattern))
            {
                error(LintCodes.Invalid, $"表单项 {field.Key} 的格式规则 {field.Pattern} 不是有效的正则表达式", field.Location);
            }
            if (field.Prefill is not null && !catalog.SourcesByCode.ContainsKey(field.Prefill.Split('.', 2)[0]))
            {
                error(LintCodes.UnknownReference, $"表单项 {field.Key} 的预填来源 {field.Prefill} 引用了未定义的数据来源", field.Location);
            }
        }
    }

    private static bool IsValidPattern(string pattern)
    {
        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void LintMaterials(ServiceCatalog catalog, Action<string, string, SourceLocation> error)
    {
        foreach (var material in catalog.Materials)
        {
            if (material.LicenseType is not null && !catalog.LicenseTypesByCode.ContainsKey(material.LicenseType))
            {
                error(LintCodes.UnknownReference, $"材料 {material.Key} 引用了未定义的证照类型 {material.LicenseType}", material.Location);
            }
            if (material.Check is not null && !catalog.ChecksByCode.ContainsKey(material.Check))
            {
                error(LintCodes.UnknownReference, $"材料 {material.Key} 引用了未定义的共享核验 {material.Check}", material.Location);
            }
        }
    }

    private static void LintMatter(ServiceCatalog catalog, Matter matter, Action<string, string, SourceLocation> error)
    {
        if (!catalog.DepartmentsByCode.ContainsKey(matter.Department))
        {
            error(LintCodes.UnknownReference, $"事项 {matter.Code} 引用了未定义的部门 {matter.Department}", matter.Location);
        }
        if (matter.PromisedLimit.Value <= 0)
        {
            error(LintCodes.NonPositiveLimit, $"事项 {matter.Code} 的承诺时限必须为正数", matter.Location);
        }
        // A matter without a statutory limit carries its promised one: report the limit once.
        if (matter.StatutoryLimit.Value <= 0 && matter.StatutoryLimit != matter.PromisedLimit)
        {
            error(LintCodes.NonPositiveLimit, $"事项 {matter.Code} 的法定时限必须为正数", matter.Location);
        }
        foreach (var group in matter.Fields.GroupBy(f => f.Key).Where(g => g.Count() > 1))
        {
            error(LintCodes.Duplicate, $"事项 {matter.Code} 重复列出表单项 {group.Key}", matter.Location);
        }
        foreach (var field in matter.Fields)
        {
            if (!catalog.FieldsByKey.ContainsKey(field.Key))
            {
                error(LintCodes.UnknownReference, $"事项 {matter.Code} 引用了未定义的表单项 {field.Key}", field.Location);
            }
        }
        foreach (var group in matter.Materials.GroupBy(m => m.Key).Where(g => g.Count() > 1))
        {
            error(LintCodes.Duplicate, $"事项 {matter.Code} 重复列出材料 {group.Key}", matter.Location);
        }
        foreach (var material in matter.Materials)
        {
            if (!catalog.MaterialsByKey.ContainsKey(material.Key))
            {
                error(LintCodes.UnknownReference, $"事项 {matter.Code} 引用了未定义的材料 {material.Key}", material.Location);
            }
            if (material.Count <= 0)
            {
                error(LintCodes.Invalid, $"事项 {matter.Code} 的材料 {material.Key} 份数必须为正数", material.Location);
            }
        }
        if (matter.Result.LicenseType is not null && !catalog.LicenseTypesByCode.ContainsKey(matter.Result.LicenseType))
        {
            error(LintCodes.UnknownReference, $"事项 {matter.Code} 的办理结果引用了未定义的证照类型 {matter.Result.LicenseType}", matter.Location);
        }
        if (matter.Result.Kind == ResultKind.License && matter.Result.LicenseType is null)
        {
            error(LintCodes.Invalid, $"事项 {matter.Code} 的办理结果为证照，但没有指定证照类型 licenseType", matter.Location);
        }
        if (matter.Result.Material is not null && !catalog.MaterialsByKey.ContainsKey(matter.Result.Material))
        {
            error(LintCodes.UnknownReference, $"事项 {matter.Code} 的办理结果引用了未定义的材料 {matter.Result.Material}", matter.Location);
        }
    }

    private static void LintBundle(ServiceCatalog catalog, Bundle bundle, DateOnly today, Action<string, string, SourceLocation> reportError, Action<string, string, SourceLocation> warn)
    {
        var name = $"一件事 {bundle.Code}";
        var errors = 0;
        void error(string code, string message, SourceLocation at)
        {
            errors++;
            reportError(code, message, at);
        }

        if (!catalog.DepartmentsByCode.ContainsKey(bundle.LeadDepartment))
        {
            error(LintCodes.UnknownReference, $"{name} 的牵头部门 {bundle.LeadDepartment} 未定义", bundle.Location);
        }
        if (bundle.PromisedLimit.Value <= 0)
        {
            error(LintCodes.NonPositiveLimit, $"{name} 的承诺时限必须为正数", bundle.Location);
        }
        if (bundle.Trips < 0)
        {
            error(LintCodes.Invalid, $"{name} 的跑动次数不能为负数", bundle.Location);
        }
        if (bundle.Matters.Count == 0)
        {
            error(LintCodes.Invalid, $"{name} 没有任何事项", bundle.Location);
        }

        // Questions: unique ids and options; conditions name only facts and earlier questions.
        var schema = new ConditionSchema();
        foreach (var fact in catalog.Facts)
        {
            schema.AddFact(fact.Name, ToFactType(fact.Kind), fact.Values.Count > 0 ? fact.Values : null);
        }
        var seenQuestions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in bundle.Questions)
        {
            CheckCondition(question.When, schema, $"{name} 问题 {question.Id} 的显示条件", question.Location, error);
            if (!seenQuestions.Add(question.Id))
            {
                error(LintCodes.Duplicate, $"{name} 的问题 {question.Id} 重复", question.Location);
            }
            if (question.Options.Count == 0)
            {
                error(LintCodes.Invalid, $"{name} 的问题 {question.Id} 没有选项", question.Location);
            }
            foreach (var group in question.Options.GroupBy(o => o.Code).Where(g => g.Count() > 1))
            {
                error(LintCodes.Duplicate, $"{name} 问题 {question.Id} 的选项 {group.Key} 重复", question.Location);
            }
            if (question.MinChoices < 0 || question.MinChoices > question.Options.Count || (!question.Multiple && question.MinChoices > 0))
            {
                error(LintCodes.Invalid, $"{name} 问题 {question.Id} 的 minChoices 应为 0 至选项数之间，且只用于多选问题", question.Location);
            }
            if (question.Default is not null && !question.Options.Any(o => o.Code == question.Default))
            {
                error(LintCodes.UnknownReference, $"{name} 问题 {question.Id} 的默认选项 {question.Default} 不存在", question.Location);
            }
            foreach (var option in question.Options)
            {
                CheckCondition(option.When, schema, $"{name} 问题 {question.Id} 选项 {option.Code} 的条件", option.Location, error);
            }
            // Registered after its own conditions: a question's condition may name earlier questions only.
            schema.AddQuestion(question.Id, question.Options.Select(o => o.Code).ToArray(), question.Multiple);
        }

        var matterCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in bundle.Matters)
        {
            if (!matterCodes.Add(entry.Matter))
            {
                error(LintCodes.Duplicate, $"{name} 重复列出事项 {entry.Matter}", entry.Location);
            }
            CheckCondition(entry.When, schema, $"{name} 事项 {entry.Matter} 的适用条件", entry.Location, error);
            if (entry.Promised is { Value: <= 0 })
            {
                error(LintCodes.NonPositiveLimit, $"{name} 中事项 {entry.Matter} 的承诺时限必须为正数", entry.Location);
            }
            if (!catalog.MattersByCode.TryGetValue(entry.Matter, out _))
            {
                error(LintCodes.UnknownReference, $"{name} 引用了未定义的事项 {entry.Matter}", entry.Location);
            }
            foreach (var rule in entry.Fields)
            {
                CheckCondition(rule.When, schema, $"{name} 事项 {entry.Matter} 表单项 {rule.Key} 的条件", rule.Location, error);
                if (!catalog.FieldsByKey.ContainsKey(rule.Key))
                {
                    error(LintCodes.UnknownReference, $"{name} 事项 {entry.Matter} 引用了未定义的表单项 {rule.Key}", rule.Location);
                }
                if (rule.As is not null && !catalog.FieldsByKey.ContainsKey(rule.As))
                {
                    error(LintCodes.UnknownReference, $"{name} 事项 {entry.Matter} 把表单项 {rule.Key} 映射到未定义的表单项 {rule.As}", rule.Location);
                }
                if (rule.As is not null && catalog.MattersByCode.TryGetValue(entry.Matter, out var mapped) && !mapped.Fields.Any(f => f.Key == rule.Key))
                {
                    error(LintCodes.Invalid, $"{name} 事项 {entry.Matter} 没有表单项 {rule.Key}，无法映射为 {rule.As}", rule.Location);
                }
            }
            foreach (var rule in entry.Materials.Where(r => r.As is not null))
            {
                error(LintCodes.Invalid, $"{name} 事项 {entry.Matter} 的材料 {rule.Key} 不能使用 as（只有表单项可以映射）", rule.Location);
            }
            foreach (var rule in entry.Materials)
            {
                CheckCondition(rule.When, schema, $"{name} 事项 {entry.Matter} 材料 {rule.Key} 的条件", rule.Location, error);
                if (!catalog.MaterialsByKey.ContainsKey(rule.Key))
                {
                    error(LintCodes.UnknownReference, $"{name} 事项 {entry.Matter} 引用了未定义的材料 {rule.Key}", rule.Location);
                }
            }
        }

        foreach (var edge in bundle.Edges)
        {
            foreach (var end in new[] { edge.From, edge.To })
            {
                if (!matterCodes.Contains(end))
                {
                    error(LintCodes.UnknownReference, $"{name} 的前置关系引用了本一件事中没有的事项 {end}", edge.Location);
                }
            }
        }
        foreach (var group in bundle.Edges.GroupBy(e => (e.From, e.To)).Where(g => g.Count() > 1))
        {
            error(LintCodes.Duplicate, $"{name} 的前置关系 {group.Key.From} → {group.Key.To} 重复", group.Skip(1).First().Location);
        }
        var cycle = FindCycle(bundle.Edges);
        if (cycle is not null)
        {
            error(LintCodes.Cycle, $"{name} 的前置关系存在循环：{string.Join(" → ", cycle)}", bundle.Edges.First(e => e.From == cycle[0]).Location);
        }
        else
        {
            LintResultFlow(catalog, bundle, warn);
        }

        // Reachability means nothing over broken conditions or references: report those first.
        if (errors == 0)
        {
            LintScenarios(catalog, bundle, today, error, warn);
        }
    }

    private static FactType ToFactType(FactKind kind) => kind switch
    {
        FactKind.Boolean => FactType.Boolean,
        FactKind.Number => FactType.Number,
        FactKind.Text => FactType.Text,
    };

    private static void CheckCondition(Condition condition, ConditionSchema schema, string what, SourceLocation at, Action<string, string, SourceLocation> error)
    {
        foreach (var problem in condition.Check(schema))
        {
            error(LintCodes.Condition, $"{what}“{condition.Text}”：{problem.Message}", at);
        }
    }

    public static List<string>? FindCycle(IReadOnlyList<PrerequisiteEdge> edges)
    {
        var graph = edges.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on stack, 2 = done
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                var s = state.GetValueOrDefault(next);
                if (s == 1)
                {
                    var start = path.IndexOf(next);
                    return [.. path.Skip(start), next];
                }
                if (s == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys)
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }
        return null;
    }

    /// <summary>
    /// A material that an earlier matter of the bundle produces reaches a later matter only along the graph
    /// (一链审批): warn when the producer is not a prerequisite of the matter that needs it.
    /// </summary>
    private static void LintResultFlow(ServiceCatalog catalog, Bundle bundle, Action<string, string, SourceLocation> warn)
    {
        var edges = bundle.Edges.Select(e => new Planning.PlannedEdge(e.From, e.To, e.Mode)).ToList();
        var matters = bundle.Matters.Select(m => catalog.MattersByCode.GetValueOrDefault(m.Matter)).OfType<Matter>().ToList();
        foreach (var producer in matters)
        {
            foreach (var consumer in matters)
            {
                if (consumer == producer)
                {
                    continue;
                }
                foreach (var needed in consumer.Materials)
                {
                    if (!catalog.MaterialsByKey.TryGetValue(needed.Key, out var material))
                    {
                        continue;
                    }
                    var produces = producer.Result.Material == material.Key
                        || (material.LicenseType is not null && producer.Result.LicenseType == material.LicenseType);
                    if (produces && !Planning.Planner.IsAncestor(producer.Code, consumer.Code, edges))
                    {
                        warn(LintCodes.ResultNotConnected,
                            $"一件事 {bundle.Code}：事项 {consumer.Code} 需要的材料 {material.Name} 由本一件事的事项 {producer.Code} 产生，但二者之间没有前置关系，结果无法自动流转",
                            bundle.Location);
                    }
                }
            }
        }
    }

    private static void LintScenarios(ServiceCatalog catalog, Bundle bundle, DateOnly today, Action<string, string, SourceLocation> error, Action<string, string, SourceLocation> warn)
    {
        var chosen = new HashSet<(string Question, string Option)>();
        var applies = new HashSet<string>(StringComparer.Ordinal);
        (Planning.PlanTiming Timing, IReadOnlyDictionary<string, IReadOnlyList<string>> Answers)? slowest = null;
        IReadOnlyDictionary<string, IReadOnlyList<string>>? empty = null;
        var edges = bundle.Edges.Select(e => new Planning.PlannedEdge(e.From, e.To, e.Mode)).ToList();
        // Timing needs positive limits everywhere; those errors are reported on the matters themselves.
        var timed = bundle.PromisedLimit.Value > 0 && bundle.Matters.All(m =>
            (m.Promised ?? catalog.MattersByCode[m.Matter].PromisedLimit).Value > 0);
        var complete = ScenarioSpace.Enumerate(catalog, bundle, MaxScenarios, scenario =>
        {
            foreach (var (question, options) in scenario.Answers)
            {
                foreach (var option in options)
                {
                    chosen.Add((question, option));
                }
            }
            if (scenario.Stopped)
            {
                return;
            }
            var matters = new List<(BundleMatter Entry, Matter Matter)>();
            foreach (var entry in bundle.Matters)
            {
                if (entry.When.Evaluate(scenario.Scope))
                {
                    applies.Add(entry.Matter);
                    matters.Add((entry, catalog.MattersByCode[entry.Matter]));
                }
            }
            if (matters.Count == 0)
            {
                empty ??= scenario.Answers;
                return;
            }
            if (!timed)
            {
                return;
            }
            // Only the schedule matters here: the Planner's own timing over the matters that apply.
            var present = matters.Select(m => m.Matter.Code).ToHashSet(StringComparer.Ordinal);
            var (_, timing) = Planning.Planner.Schedule(catalog, bundle, matters, edges.Where(e => present.Contains(e.From) && present.Contains(e.To)).ToList(), today);
            if (timing.ExpectedCompletion > timing.PromisedDeadline
                && (slowest is null || timing.CriticalPathWorkingDays > slowest.Value.Timing.CriticalPathWorkingDays))
            {
                slowest = (timing, scenario.Answers);
            }
        });

        if (!complete)
        {
            warn(LintCodes.TooManyScenarios, $"一件事 {bundle.Code} 的情形组合超过 {MaxScenarios} 种，仅检查了部分组合", bundle.Location);
            return;
        }
        foreach (var question in bundle.Questions)
        {
            foreach (var option in question.Options)
            {
                if (!chosen.Contains((question.Id, option.Code)))
                {
                    error(LintCodes.OptionNeverChosen, $"一件事 {bundle.Code} 问题 {question.Id} 的选项 {option.Code}（{option.Label}）在任何情形下都无法选择", option.Location);
                }
            }
        }
        if (empty is not null)
        {
            error(LintCodes.NoMatterApplies,
                $"一件事 {bundle.Code} 在情形（{Describe(empty)}）下没有任何适用事项：请为该情形设置终止选项（stop），或为多选问题设置 minChoices",
                bundle.Location);
        }
        if (slowest is { } worst)
        {
            var answers = Describe(worst.Answers);
            warn(LintCodes.PromiseShorterThanPath,
                $"一件事 {bundle.Code} 承诺{bundle.PromisedLimit}，但在情形（{answers}）下关键路径（{string.Join(" → ", worst.Timing.CriticalPath)}）需要 {worst.Timing.CriticalPathWorkingDays} 个工作日：" +
                "请在本一件事中压缩事项的承诺时限（matters[].promised），或调整一件事的承诺时限",
                bundle.Location);
        }
        foreach (var entry in bundle.Matters)
        {
            if (!applies.Contains(entry.Matter))
            {
                error(LintCodes.MatterNeverApplies, $"一件事 {bundle.Code} 的事项 {entry.Matter} 在任何情形下都不会适用", entry.Location);
            }
        }
    }

    private static string Describe(IReadOnlyDictionary<string, IReadOnlyList<string>> answers) =>
        string.Join("，", answers.Select(a => $"{a.Key}={(a.Value.Count == 0 ? "无" : string.Join("+", a.Value))}"));
}
