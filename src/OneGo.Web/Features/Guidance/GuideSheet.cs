using OneGo.Domain.Catalog;
using OneGo.Domain.Planning;

namespace OneGo.Web.Features.Guidance;

/// <summary>
/// What the printed guide (办事指南) lists for a bundle beyond its own text: every material any scenario may
/// need, when it is needed and how it can be spared, and the departments to visit or call.
/// </summary>
public sealed record GuideSheet(IReadOnlyList<GuideSheet.MaterialRow> Materials, IReadOnlyList<Department> Departments)
{
    /// <summary>One material: the matters needing it, the scenarios in which it is needed (empty: always) and how it may be spared.</summary>
    public sealed record MaterialRow(string Key, string Name, IReadOnlyList<string> Matters, Necessity Necessity, string Form, IReadOnlyList<string> Scenarios, string? Exemption);

    /// <param name="typical">The plan for the typical answers: its bundle-result exemptions hold for everyone.</param>
    public static GuideSheet For(Bundle bundle, ServiceCatalog catalog, Plan? typical)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(catalog);
        var rows = new Dictionary<string, (MatterMaterial Material, Necessity Necessity, List<string> Matters, List<string> Scenarios, bool Always)>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var entry in bundle.Matters)
        {
            if (!catalog.MattersByCode.TryGetValue(entry.Matter, out var matter))
            {
                continue;
            }
            var needs = matter.Materials.Select(m => (Material: m, Rule: entry.Materials.FirstOrDefault(r => r.Key == m.Key)))
                .Concat(entry.Materials.Where(r => matter.Materials.All(m => m.Key != r.Key))
                    .Select(r => (Material: new MatterMaterial { Key = r.Key, Necessity = r.Necessity ?? Necessity.Required }, Rule: (ScenarioRule?)r)));
            foreach (var (material, rule) in needs)
            {
                if (rule?.When.Text == "false")
                {
                    continue; // the bundle never asks for it
                }
                var scenario = string.Join("，且", new[] { entry.When, rule?.When ?? Domain.Conditions.Condition.True }
                    .Select(c => ConditionWording.Describe(c, bundle, catalog)).OfType<string>());
                var necessity = rule?.Necessity ?? material.Necessity;
                if (!rows.TryGetValue(material.Key, out var row))
                {
                    row = (material, necessity, [], [], false);
                    order.Add(material.Key);
                }
                row.Matters.Add(matter.Name);
                if (scenario.Length == 0)
                {
                    row.Always = true;
                }
                else if (!row.Scenarios.Contains(scenario))
                {
                    row.Scenarios.Add(scenario);
                }
                rows[material.Key] = (row.Material, necessity == Necessity.Required ? necessity : row.Necessity, row.Matters, row.Scenarios, row.Always);
            }
        }

        var materials = order
            .Where(catalog.MaterialsByKey.ContainsKey)
            .Select(key =>
            {
                var (material, necessity, matters, scenarios, always) = rows[key];
                var definition = catalog.MaterialsByKey[key];
                return new MaterialRow(key, definition.Name, matters, necessity, GuideText.Form(material.Form, material.Count),
                    always ? [] : scenarios, Exemption(definition, catalog, typical));
            })
            .ToList();

        var departments = bundle.Matters
            .Select(m => catalog.MattersByCode.TryGetValue(m.Matter, out var matter) ? matter.Department : null)
            .Prepend(bundle.LeadDepartment)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .Select(code => catalog.DepartmentsByCode.GetValueOrDefault(code))
            .OfType<Department>()
            .ToList();
        return new GuideSheet(materials, departments);
    }

    /// <summary>How a material may be spared: by this bundle's own result, by an e-license, or by a data-sharing check.</summary>
    private static string? Exemption(MaterialDefinition definition, ServiceCatalog catalog, Plan? typical)
    {
        var byBundle = typical?.Materials.FirstOrDefault(m => m.Key == definition.Key && m.Exemption?.Kind == ExemptionKind.BundleResult);
        if (byBundle?.Exemption is { } exemption)
        {
            return exemption.Reason;
        }
        var ways = new List<string>();
        if (definition.LicenseType is not null)
        {
            var name = catalog.LicenseTypesByCode.TryGetValue(definition.LicenseType, out var type) ? type.Name : definition.LicenseType;
            ways.Add($"持有有效电子证照《{name}》的，登录后免于提交");
        }
        if (definition.Check is not null)
        {
            var name = catalog.ChecksByCode.TryGetValue(definition.Check, out var check) ? check.Name : definition.Check;
            ways.Add($"通过“{name}”共享核验的，免于提交");
        }
        return ways.Count == 0 ? null : string.Join("；", ways);
    }
}
