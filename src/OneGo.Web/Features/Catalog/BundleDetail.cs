using OneGo.Domain.Calendar;
using OneGo.Domain.Catalog;

namespace OneGo.Web.Features.Catalog;

/// <summary>A bundle's definition as the API shows it: departments resolved to names, conditions as text.</summary>
public sealed record BundleDetail(
    string Code,
    string Name,
    BundleCategory Category,
    string Theme,
    DepartmentRef LeadDepartment,
    string? Summary,
    string? Audience,
    IReadOnlyList<string> Conditions,
    TimeLimit Promised,
    IReadOnlyList<BundleDetail.QuestionView> Questions,
    IReadOnlyList<BundleDetail.MatterView> Matters,
    IReadOnlyList<BundleDetail.EdgeView> Edges,
    IReadOnlyList<string> Steps,
    int Trips,
    IReadOnlyList<FaqEntry> Faq,
    IReadOnlyList<string> Keywords,
    IReadOnlyList<string> Fees,
    BundleSource? Source)
{
    public sealed record OptionView(string Code, string Label, string? Stop, string? When);

    public sealed record QuestionView(string Id, string Text, string? Help, bool Multiple, string? Default, string? When, IReadOnlyList<OptionView> Options);

    public sealed record MatterView(
        string Code, string Name, MatterType Type, DepartmentRef Department, string? When,
        TimeLimit Promised, TimeLimit Statutory, IReadOnlyList<Fee> Fees, string Result, IReadOnlyList<LegalBasis> Basis, IReadOnlyList<string> Conditions);

    public sealed record EdgeView(string From, string To, EdgeMode Mode, string? Note);

    public static BundleDetail From(Bundle bundle, ServiceCatalog catalog) => new(
        bundle.Code,
        bundle.Name,
        bundle.Category,
        bundle.Theme,
        DepartmentRef.Of(bundle.LeadDepartment, catalog),
        bundle.Summary,
        bundle.Audience,
        bundle.Conditions,
        bundle.PromisedLimit,
        bundle.Questions.Select(q => new QuestionView(
            q.Id, q.Text, q.Help, q.Multiple, q.Default, ConditionText(q.When),
            q.Options.Select(o => new OptionView(o.Code, o.Label, o.Stop, ConditionText(o.When))).ToList())).ToList(),
        bundle.Matters.Select(m => catalog.MattersByCode[m.Matter] is var matter
            ? new MatterView(matter.Code, matter.Name, matter.Type, DepartmentRef.Of(matter.Department, catalog), ConditionText(m.When),
                matter.PromisedLimit, matter.StatutoryLimit, matter.Fees, matter.Result.Name, matter.Basis, matter.Conditions)
            : null!).ToList(),
        bundle.Edges.Select(e => new EdgeView(e.From, e.To, e.Mode, e.Note)).ToList(),
        bundle.Steps,
        bundle.Trips,
        bundle.Faq,
        bundle.Keywords,
        bundle.Fees,
        bundle.Source);

    private static string? ConditionText(Domain.Conditions.Condition condition) =>
        ReferenceEquals(condition, Domain.Conditions.Condition.True) ? null : condition.Text;
}

public sealed record DepartmentRef(string Code, string Name, string? Window, string? Phone)
{
    public static DepartmentRef Of(string code, ServiceCatalog catalog) =>
        catalog.DepartmentsByCode.TryGetValue(code, out var d) ? new DepartmentRef(d.Code, d.Name, d.Window, d.Phone) : new DepartmentRef(code, code, null, null);
}
