using OneGo.Domain.Calendar;

namespace OneGo.Domain.Catalog;

/// <summary>
/// The whole catalog as loaded from files. Lists keep every element as written (duplicates included, so
/// lint can report them); the lookups keep the first element of each code.
/// </summary>
public sealed class ServiceCatalog
{
    public ServiceCatalog(
        Region? region,
        IReadOnlyList<HolidayYear> calendarYears,
        IReadOnlyList<DataSource> sources,
        IReadOnlyList<DataCheck> checks,
        IReadOnlyList<FactDefinition> facts,
        IReadOnlyList<Department> departments,
        IReadOnlyList<FormSection> sections,
        IReadOnlyList<FieldDefinition> fields,
        IReadOnlyList<MaterialDefinition> materials,
        IReadOnlyList<LicenseType> licenseTypes,
        IReadOnlyList<Matter> matters,
        IReadOnlyList<Bundle> bundles)
    {
        Region = region;
        CalendarYears = calendarYears;
        Sources = sources;
        Checks = checks;
        Facts = facts;
        Departments = departments;
        Sections = sections;
        Fields = fields;
        Materials = materials;
        LicenseTypes = licenseTypes;
        Matters = matters;
        Bundles = bundles;

        SourcesByCode = First(sources, s => s.Code);
        ChecksByCode = First(checks, c => c.Code);
        FactsByName = First(facts, f => f.Name);
        DepartmentsByCode = First(departments, d => d.Code);
        SectionsByCode = First(sections, s => s.Code);
        FieldsByKey = First(fields, f => f.Key);
        MaterialsByKey = First(materials, m => m.Key);
        LicenseTypesByCode = First(licenseTypes, t => t.Code);
        MattersByCode = First(matters, m => m.Code);
        BundlesByCode = First(bundles, b => b.Code);
        Calendar = BuildCalendar(calendarYears);
    }

    public Region? Region { get; }
    public IReadOnlyList<HolidayYear> CalendarYears { get; }
    public IReadOnlyList<DataSource> Sources { get; }
    public IReadOnlyList<DataCheck> Checks { get; }
    public IReadOnlyList<FactDefinition> Facts { get; }
    public IReadOnlyList<Department> Departments { get; }
    public IReadOnlyList<FormSection> Sections { get; }
    public IReadOnlyList<FieldDefinition> Fields { get; }
    public IReadOnlyList<MaterialDefinition> Materials { get; }
    public IReadOnlyList<LicenseType> LicenseTypes { get; }
    public IReadOnlyList<Matter> Matters { get; }
    public IReadOnlyList<Bundle> Bundles { get; }

    public IReadOnlyDictionary<string, DataSource> SourcesByCode { get; }
    public IReadOnlyDictionary<string, DataCheck> ChecksByCode { get; }
    public IReadOnlyDictionary<string, FactDefinition> FactsByName { get; }
    public IReadOnlyDictionary<string, Department> DepartmentsByCode { get; }
    public IReadOnlyDictionary<string, FormSection> SectionsByCode { get; }
    public IReadOnlyDictionary<string, FieldDefinition> FieldsByKey { get; }
    public IReadOnlyDictionary<string, MaterialDefinition> MaterialsByKey { get; }
    public IReadOnlyDictionary<string, LicenseType> LicenseTypesByCode { get; }
    public IReadOnlyDictionary<string, Matter> MattersByCode { get; }
    public IReadOnlyDictionary<string, Bundle> BundlesByCode { get; }

    /// <summary>The official working calendar built from the catalog's holiday years.</summary>
    public WorkCalendar Calendar { get; }

    private static Dictionary<string, T> First<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            map.TryAdd(key(item), item);
        }
        return map;
    }

    private static WorkCalendar BuildCalendar(IReadOnlyList<HolidayYear> years)
    {
        // Lint reports duplicate years; the calendar keeps the first so a broken catalog can still be linted.
        var seen = new HashSet<int>();
        var distinct = new List<HolidayYear>();
        foreach (var year in years)
        {
            if (seen.Add(year.Year) && year.DaysOff.All(d => d.Year == year.Year) && year.MakeUpWorkdays.All(d => d.Year == year.Year))
            {
                distinct.Add(year);
            }
        }
        return new WorkCalendar(distinct);
    }
}
