using System.Globalization;
using System.Text.RegularExpressions;
using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;
using OneGo.Domain.Conditions;
using OneGo.Web.Features.Catalog.Files;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace OneGo.Web.Features.Catalog;

/// <summary>The catalog as loaded, with every problem found while reading and linting it.</summary>
public sealed record CatalogLoadResult(ServiceCatalog Catalog, IReadOnlyList<LintIssue> Issues)
{
    public bool HasErrors => Issues.Any(i => i.Severity == LintSeverity.Error);

    public IEnumerable<LintIssue> Errors => Issues.Where(i => i.Severity == LintSeverity.Error);
}

/// <summary>Reads the catalog's YAML files into the domain model and lints it.</summary>
public static partial class CatalogLoader
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .WithNodeDeserializer(inner => new LineRecordingDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
        .Build();

    /// <summary>Loads every <c>*.yaml</c> file under <paramref name="directory"/>.</summary>
    public static CatalogLoadResult Load(string directory, DateOnly today)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"目录文件夹不存在：{directory}");
        }
        return LoadFiles(ReadFiles(directory), today);
    }

    /// <summary>Every <c>*.yaml</c>/<c>*.yml</c> file under <paramref name="directory"/> as (relative path with '/', text), in ordinal path order.</summary>
    public static List<(string Path, string Text)> ReadFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Select(p => (Path: Path.GetRelativePath(directory, p).Replace('\\', '/'), Text: File.ReadAllText(p)))
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ToList();

    /// <summary>Loads catalog files given as (relative path, text) pairs.</summary>
    public static CatalogLoadResult LoadFiles(IEnumerable<(string Path, string Text)> files, DateOnly today)
    {
        var reader = new Reader();
        foreach (var (path, text) in files)
        {
            CatalogFile? file;
            try
            {
                file = Deserializer.Deserialize<CatalogFile>(text);
            }
            catch (YamlException e)
            {
                reader.Issue(LintCodes.Syntax, Describe(e), new SourceLocation(path, (int)e.Start.Line));
                continue;
            }
            if (file is not null)
            {
                reader.Read(path, file);
            }
        }
        var catalog = reader.Build();
        var issues = reader.Issues.Concat(CatalogLinter.Lint(catalog, today)).ToList();
        return new CatalogLoadResult(catalog, issues);
    }

    /// <summary>Catalog authors read these: say in Chinese what is wrong, naming the key.</summary>
    private static string Describe(YamlException e)
    {
        var message = e.InnerException is { } inner and not YamlException ? inner.Message : e.Message;
        var unknown = UnknownPropertyPattern().Match(message);
        if (unknown.Success)
        {
            return $"未知的键“{unknown.Groups[1].Value}”：请对照 docs/catalog-format.md 检查拼写和缩进";
        }
        return $"YAML 无法解析：{message}";
    }

    [GeneratedRegex(@"Property '([^']+)' not found on type")]
    private static partial Regex UnknownPropertyPattern();

    [GeneratedRegex(@"^\s*(-?\d+)\s*(个)?\s*(工作日|自然日)\s*$")]
    private static partial Regex LimitPattern();

    [GeneratedRegex(@"^(\d{4}-\d{2}-\d{2})(\.\.(\d{4}-\d{2}-\d{2}))?$")]
    private static partial Regex DayRangePattern();

    private sealed class Reader
    {
        private string file = "";
        private Region? region;
        private readonly List<HolidayYear> years = [];
        private readonly List<DataSource> sources = [];
        private readonly List<DataCheck> checks = [];
        private readonly List<FactDefinition> facts = [];
        private readonly List<Department> departments = [];
        private readonly List<FormSection> sections = [];
        private readonly List<FieldDefinition> fields = [];
        private readonly List<MaterialDefinition> materials = [];
        private readonly List<LicenseType> licenseTypes = [];
        private readonly List<Matter> matters = [];
        private readonly List<Bundle> bundles = [];

        public List<LintIssue> Issues { get; } = [];

        public void Issue(string code, string message, SourceLocation at) =>
            Issues.Add(new LintIssue(LintSeverity.Error, code, message, at));

        private SourceLocation At(Located item) => new(file, item.Line);

        private string Required(string? value, string what, Located owner)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                Issue(LintCodes.Invalid, $"缺少必填项 {what}", At(owner));
                return "";
            }
            return value.Trim();
        }

        public ServiceCatalog Build() =>
            new(region, years, sources, checks, facts, departments, sections, fields, materials, licenseTypes, matters, bundles);

        public void Read(string path, CatalogFile dto)
        {
            file = path;
            if (dto.Region is { } r)
            {
                if (region is not null)
                {
                    Issue(LintCodes.Region, $"region 只能定义一次（已在 {region.Location} 定义）", At(r));
                }
                else
                {
                    var hall = r.Hall ?? new HallDto { Line = r.Line };
                    region = new Region
                    {
                        Code = Required(r.Code, "region.code", r),
                        Name = Required(r.Name, "region.name", r),
                        FullName = r.FullName ?? r.Name ?? "",
                        Postcode = r.Postcode,
                        Hall = new ServiceHall(Required(hall.Name, "hall.name", hall), Required(hall.Address, "hall.address", hall), Required(hall.Hours, "hall.hours", hall), Required(hall.Phone, "hall.phone", hall)),
                        Location = At(r),
                    };
                }
            }
            foreach (var s in dto.Sources ?? [])
            {
                sources.Add(new DataSource { Code = Required(s.Code, "code", s), Name = Required(s.Name, "name", s), Provider = s.Provider, Location = At(s) });
            }
            foreach (var c in dto.Checks ?? [])
            {
                checks.Add(new DataCheck { Code = Required(c.Code, "code", c), Name = Required(c.Name, "name", c), Source = Required(c.Source, "source", c), Location = At(c) });
            }
            foreach (var f in dto.Facts ?? [])
            {
                facts.Add(new FactDefinition
                {
                    Name = Required(f.Name, "name", f),
                    Label = Required(f.Label, "label", f),
                    Kind = Parse(f.Type, FactKinds, "type", f, FactKind.Text),
                    Values = f.Values ?? [],
                    Location = At(f),
                });
            }
            foreach (var y in dto.Calendar ?? [])
            {
                years.Add(new HolidayYear(y.Year, Days(y.DaysOff, y), Days(y.Workdays, y), y.Source ?? ""));
            }
            foreach (var d in dto.Departments ?? [])
            {
                departments.Add(new Department
                {
                    Code = Required(d.Code, "code", d),
                    Name = Required(d.Name, "name", d),
                    CreditCode = Required(d.CreditCode, "creditCode", d),
                    Window = d.Window,
                    Phone = d.Phone,
                    Location = At(d),
                });
            }
            foreach (var s in dto.Sections ?? [])
            {
                sections.Add(new FormSection { Code = Required(s.Code, "code", s), Label = Required(s.Label, "label", s), Order = s.Order, Location = At(s) });
            }
            foreach (var f in dto.Fields ?? [])
            {
                fields.Add(new FieldDefinition
                {
                    Key = Required(f.Key, "key", f),
                    Label = Required(f.Label, "label", f),
                    Type = Parse(f.Type, FieldTypes, "type", f, FieldType.Text),
                    Options = (f.Options ?? []).Select(o => new FieldOption(Required(o.Code, "options.code", o), Required(o.Label, "options.label", o))).ToList(),
                    MaxLength = f.MaxLength,
                    Pattern = f.Pattern,
                    PatternMessage = f.PatternMessage,
                    Min = f.Min,
                    Max = f.Max,
                    Prefill = f.Prefill,
                    Help = f.Help,
                    Location = At(f),
                });
            }
            foreach (var m in dto.Materials ?? [])
            {
                materials.Add(new MaterialDefinition
                {
                    Key = Required(m.Key, "key", m),
                    Name = Required(m.Name, "name", m),
                    Kind = Parse(m.Kind, MaterialKinds, "kind", m, MaterialKind.Other),
                    Source = Parse(m.Source, MaterialSources, "source", m, MaterialSource.Applicant),
                    LicenseType = m.LicenseType,
                    Check = m.Check,
                    Note = m.Note,
                    Location = At(m),
                });
            }
            foreach (var t in dto.LicenseTypes ?? [])
            {
                licenseTypes.Add(new LicenseType
                {
                    Code = Required(t.Code, "code", t),
                    Name = Required(t.Name, "name", t),
                    Authority = Required(t.Authority, "authority", t),
                    Holder = Parse(t.Holder, HolderKinds, "holder", t, HolderKind.Person),
                    ValidYears = t.ValidYears,
                    Fields = (t.Fields ?? []).Select(f => new LicenseTypeField(Required(f.Key, "fields.key", f), Required(f.Label, "fields.label", f))).ToList(),
                    Location = At(t),
                });
            }
            foreach (var m in dto.Matters ?? [])
            {
                matters.Add(ReadMatter(m));
            }
            if (dto.Bundle is { } b)
            {
                bundles.Add(ReadBundle(b));
            }
        }

        private Matter ReadMatter(MatterDto m)
        {
            var promised = Limit(m.Promised, "promised", m);
            var result = m.Result ?? new ResultDto { Line = m.Line };
            return new Matter
            {
                Code = Required(m.Code, "code", m),
                Name = Required(m.Name, "name", m),
                BasicCode = m.BasicCode,
                Type = Parse(m.Type, MatterTypes, "type", m, MatterType.PublicService),
                Department = Required(m.Department, "department", m),
                ServiceObject = Parse(m.ServiceObject, ServiceObjects, "serviceObject", m, ServiceObject.Person),
                Basis = (m.Basis ?? []).Select(b => new LegalBasis(Required(b.Name, "basis.name", b), b.DocumentNumber, b.Article, b.Text)).ToList(),
                Conditions = m.Conditions ?? [],
                Fields = (m.Fields ?? []).Select(k => k.EndsWith('?')
                    ? new MatterField(k[..^1].Trim(), false, At(m))
                    : new MatterField(k.Trim(), true, At(m))).ToList(),
                Materials = (m.Materials ?? []).Select(x => new MatterMaterial
                {
                    Key = Required(x.Key, "materials.key", x),
                    Necessity = Parse(x.Necessity, Necessities, "necessity", x, Necessity.Required),
                    Form = Parse(x.Form, MaterialForms, "form", x, MaterialForm.Original),
                    Count = x.Count ?? 1,
                    Note = x.Note,
                    Location = At(x),
                }).ToList(),
                PromisedLimit = promised,
                // Where no law fixes a statutory limit, the promised one is the binding one.
                StatutoryLimit = m.Statutory is null ? promised : Limit(m.Statutory, "statutory", m),
                Fees = (m.Fees ?? []).Select(f => new Fee(Required(f.Name, "fees.name", f), Required(f.Standard, "fees.standard", f), f.Basis)).ToList(),
                Result = new MatterResult
                {
                    Name = Required(result.Name, "result.name", result),
                    Kind = Parse(result.Kind, ResultKinds, "result.kind", result, ResultKind.Document),
                    LicenseType = result.LicenseType,
                    Material = result.Material,
                },
                Steps = m.Steps ?? [],
                Handling = (m.Handling ?? []).Select(h => Parse(h, HandlingModes, "handling", m, HandlingMode.Window)).ToList(),
                Phone = m.Phone,
                Location = At(m),
            };
        }

        private Bundle ReadBundle(BundleDto b) => new()
        {
            Code = Required(b.Code, "code", b),
            Name = Required(b.Name, "name", b),
            Category = Parse(b.Category, BundleCategories, "category", b, BundleCategory.Personal),
            Theme = Required(b.Theme, "theme", b),
            LeadDepartment = Required(b.LeadDepartment, "leadDepartment", b),
            Summary = b.Summary,
            Audience = b.Audience,
            Conditions = b.Conditions ?? [],
            PromisedLimit = Limit(b.Promised, "promised", b),
            Questions = (b.Questions ?? []).Select(q => new Question
            {
                Id = Required(q.Id, "questions.id", q),
                Text = Required(q.Text, "questions.text", q),
                Help = q.Help,
                Multiple = q.Multiple,
                MinChoices = q.MinChoices ?? 0,
                Default = q.Default,
                When = When(q.When, q),
                Options = (q.Options ?? []).Select(o => new QuestionOption
                {
                    Code = Required(o.Code, "options.code", o),
                    Label = Required(o.Label, "options.label", o),
                    Stop = o.Stop,
                    When = When(o.When, o),
                    Location = At(o),
                }).ToList(),
                Location = At(q),
            }).ToList(),
            Matters = (b.Matters ?? []).Select(m => new BundleMatter
            {
                Matter = Required(m.Matter, "matters.matter", m),
                When = When(m.When, m),
                Promised = m.Promised is null ? null : Limit(m.Promised, "matters.promised", m),
                Fields = (m.Fields ?? []).Select(Rule).ToList(),
                Materials = (m.Materials ?? []).Select(Rule).ToList(),
                Location = At(m),
            }).ToList(),
            Edges = (b.Edges ?? []).Select(e => new PrerequisiteEdge
            {
                From = Required(e.From, "edges.from", e),
                To = Required(e.To, "edges.to", e),
                Mode = Parse(e.Mode, EdgeModes, "edges.mode", e, EdgeMode.Strict),
                Note = e.Note,
                Location = At(e),
            }).ToList(),
            Steps = b.Steps ?? [],
            Trips = b.Trips ?? 1,
            Faq = (b.Faq ?? []).Select(f => new FaqEntry(Required(f.Q, "faq.q", f), Required(f.A, "faq.a", f))).ToList(),
            Keywords = b.Keywords ?? [],
            Fees = b.Fees ?? [],
            Source = b.Source is { } s ? new BundleSource(Required(s.Name, "source.name", s), s.Url, s.Adapted) : null,
            Location = At(b),
        };

        private ScenarioRule Rule(RuleDto r) => new()
        {
            Key = Required(r.Key, "key", r),
            When = When(r.When, r),
            Required = r.Required,
            As = r.As,
            Necessity = r.Necessity is null ? null : Parse(r.Necessity, Necessities, "necessity", r, Necessity.Required),
            Location = At(r),
        };

        private Condition When(string? text, Located owner)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return Condition.True;
            }
            if (Condition.TryParse(text, out var condition, out var error))
            {
                return condition!;
            }
            Issue(LintCodes.Condition, $"条件“{text}”有语法错误（第{error!.Position + 1}个字符）：{error.Message}", At(owner));
            return Condition.True;
        }

        private TimeLimit Limit(string? text, string what, Located owner)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                Issue(LintCodes.Invalid, $"缺少必填项 {what}（如“5工作日”或“30自然日”）", At(owner));
                return new TimeLimit(1, LimitUnit.WorkingDays);
            }
            var match = LimitPattern().Match(text);
            if (!match.Success)
            {
                Issue(LintCodes.Invalid, $"{what}“{text}”应写作天数加单位，如“5工作日”或“30自然日”", At(owner));
                return new TimeLimit(1, LimitUnit.WorkingDays); // reported above; no second error for the placeholder

            }
            var unit = match.Groups[3].Value == "工作日" ? LimitUnit.WorkingDays : LimitUnit.CalendarDays;
            return new TimeLimit(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), unit);
        }

        private List<DateOnly> Days(List<string>? entries, Located owner)
        {
            var days = new List<DateOnly>();
            foreach (var entry in entries ?? [])
            {
                var match = DayRangePattern().Match(entry.Trim());
                if (!match.Success
                    || !DateOnly.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from))
                {
                    Issue(LintCodes.Invalid, $"日期“{entry}”应写作 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD", At(owner));
                    continue;
                }
                var to = from;
                if (match.Groups[3].Success
                    && (!DateOnly.TryParseExact(match.Groups[3].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to) || to < from))
                {
                    Issue(LintCodes.Invalid, $"日期范围“{entry}”无效", At(owner));
                    continue;
                }
                for (var day = from; day <= to; day = day.AddDays(1))
                {
                    days.Add(day);
                }
            }
            return days;
        }

        private T Parse<T>(string? text, IReadOnlyDictionary<string, T> names, string what, Located owner, T fallback)
        {
            if (text is null)
            {
                return fallback;
            }
            if (names.TryGetValue(text.Trim(), out var value))
            {
                return value;
            }
            Issue(LintCodes.Invalid, $"{what} 的取值“{text}”无效，可选：{string.Join("、", names.Keys)}", At(owner));
            return fallback;
        }
    }

    private static readonly Dictionary<string, FactKind> FactKinds = new() { ["boolean"] = FactKind.Boolean, ["number"] = FactKind.Number, ["text"] = FactKind.Text };

    private static readonly Dictionary<string, FieldType> FieldTypes = new()
    {
        ["text"] = FieldType.Text, ["longText"] = FieldType.LongText, ["date"] = FieldType.Date, ["enum"] = FieldType.Enum,
        ["idNumber"] = FieldType.IdNumber, ["creditCode"] = FieldType.CreditCode, ["phone"] = FieldType.Phone,
        ["address"] = FieldType.Address, ["money"] = FieldType.Money, ["number"] = FieldType.Number, ["boolean"] = FieldType.Boolean,
    };

    private static readonly Dictionary<string, MaterialKind> MaterialKinds = new() { ["certificate"] = MaterialKind.Certificate, ["form"] = MaterialKind.Form, ["other"] = MaterialKind.Other };

    private static readonly Dictionary<string, MaterialSource> MaterialSources = new() { ["applicant"] = MaterialSource.Applicant, ["government"] = MaterialSource.Government, ["other"] = MaterialSource.Other };

    private static readonly Dictionary<string, HolderKind> HolderKinds = new() { ["person"] = HolderKind.Person, ["enterprise"] = HolderKind.Enterprise };

    private static readonly Dictionary<string, MatterType> MatterTypes = new()
    {
        ["行政许可"] = MatterType.AdministrativeLicense, ["行政确认"] = MatterType.AdministrativeConfirmation,
        ["行政给付"] = MatterType.AdministrativePayment, ["行政裁决"] = MatterType.AdministrativeAdjudication,
        ["行政奖励"] = MatterType.AdministrativeReward, ["其他行政权力"] = MatterType.OtherAdministrativePower,
        ["公共服务"] = MatterType.PublicService,
    };

    private static readonly Dictionary<string, ServiceObject> ServiceObjects = new() { ["person"] = ServiceObject.Person, ["enterprise"] = ServiceObject.Enterprise, ["both"] = ServiceObject.Both };

    private static readonly Dictionary<string, Necessity> Necessities = new() { ["required"] = Necessity.Required, ["optional"] = Necessity.Optional, ["tolerable"] = Necessity.Tolerable };

    private static readonly Dictionary<string, MaterialForm> MaterialForms = new()
    {
        ["original"] = MaterialForm.Original, ["copy"] = MaterialForm.Copy, ["electronic"] = MaterialForm.Electronic, ["originalAndCopy"] = MaterialForm.OriginalAndCopy,
    };

    private static readonly Dictionary<string, ResultKind> ResultKinds = new() { ["license"] = ResultKind.License, ["document"] = ResultKind.Document, ["other"] = ResultKind.Other };

    private static readonly Dictionary<string, HandlingMode> HandlingModes = new() { ["window"] = HandlingMode.Window, ["online"] = HandlingMode.Online, ["post"] = HandlingMode.Post };

    private static readonly Dictionary<string, BundleCategory> BundleCategories = new() { ["personal"] = BundleCategory.Personal, ["enterprise"] = BundleCategory.Enterprise };

    private static readonly Dictionary<string, EdgeMode> EdgeModes = new() { ["strict"] = EdgeMode.Strict, ["prereview"] = EdgeMode.Prereview };

    /// <summary>Records the line where each catalog element starts, so lint can point at it.</summary>
    private sealed class LineRecordingDeserializer(INodeDeserializer inner) : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var line = reader.Current?.Start.Line ?? 0;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }
            if (value is Located located)
            {
                located.Line = (int)line;
            }
            return true;
        }
    }
}
