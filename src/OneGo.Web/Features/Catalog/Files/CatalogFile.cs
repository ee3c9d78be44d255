namespace OneGo.Web.Features.Catalog.Files;

// The YAML shape of catalog files (docs/catalog-format.md). Any file may hold any of the top-level
// sections; the loader merges them and lint reports duplicates across files.

/// <summary>Elements that remember the line they start on, for lint messages.</summary>
internal abstract class Located
{
    public int Line { get; set; }
}

internal sealed class CatalogFile
{
    public RegionDto? Region { get; set; }
    public List<SourceDto>? Sources { get; set; }
    public List<CheckDto>? Checks { get; set; }
    public List<FactDto>? Facts { get; set; }
    public List<HolidayYearDto>? Calendar { get; set; }
    public List<DepartmentDto>? Departments { get; set; }
    public List<SectionDto>? Sections { get; set; }
    public List<FieldDto>? Fields { get; set; }
    public List<MaterialDto>? Materials { get; set; }
    public List<LicenseTypeDto>? LicenseTypes { get; set; }
    public List<MatterDto>? Matters { get; set; }
    public BundleDto? Bundle { get; set; }
}

internal sealed class RegionDto : Located
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? FullName { get; set; }
    public string? Postcode { get; set; }
    public HallDto? Hall { get; set; }
}

internal sealed class HallDto : Located
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public string? Hours { get; set; }
    public string? Phone { get; set; }
}

internal sealed class SourceDto : Located
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Provider { get; set; }
}

internal sealed class CheckDto : Located
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Source { get; set; }
}

internal sealed class FactDto : Located
{
    public string? Name { get; set; }
    public string? Label { get; set; }
    public string? Type { get; set; }
    public List<string>? Values { get; set; }
}

internal sealed class HolidayYearDto : Located
{
    public int Year { get; set; }
    public string? Source { get; set; }
    public List<string>? DaysOff { get; set; }
    public List<string>? Workdays { get; set; }
}

internal sealed class DepartmentDto : Located
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? CreditCode { get; set; }
    public string? Window { get; set; }
    public string? Phone { get; set; }
}

internal sealed class SectionDto : Located
{
    public string? Code { get; set; }
    public string? Label { get; set; }
    public int Order { get; set; }
}

internal sealed class OptionDto : Located
{
    public string? Code { get; set; }
    public string? Label { get; set; }
}

internal sealed class FieldDto : Located
{
    public string? Key { get; set; }
    public string? Label { get; set; }
    public string? Type { get; set; }
    public List<OptionDto>? Options { get; set; }
    public int? MaxLength { get; set; }
    public string? Pattern { get; set; }
    public string? PatternMessage { get; set; }
    public decimal? Min { get; set; }
    public decimal? Max { get; set; }
    public string? Prefill { get; set; }
    public string? Help { get; set; }
}

internal sealed class MaterialDto : Located
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Source { get; set; }
    public string? LicenseType { get; set; }
    public string? Check { get; set; }
    public string? Note { get; set; }
}

internal sealed class LicenseTypeFieldDto : Located
{
    public string? Key { get; set; }
    public string? Label { get; set; }
}

internal sealed class LicenseTypeDto : Located
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Authority { get; set; }
    public string? Holder { get; set; }
    public int? ValidYears { get; set; }
    public List<LicenseTypeFieldDto>? Fields { get; set; }
}

internal sealed class BasisDto : Located
{
    public string? Name { get; set; }
    public string? DocumentNumber { get; set; }
    public string? Article { get; set; }
    public string? Text { get; set; }
}

internal sealed class FeeDto : Located
{
    public string? Name { get; set; }
    public string? Standard { get; set; }
    public string? Basis { get; set; }
}

internal sealed class MatterMaterialDto : Located
{
    public string? Key { get; set; }
    public string? Necessity { get; set; }
    public string? Form { get; set; }
    public int? Count { get; set; }
    public string? Note { get; set; }
}

internal sealed class ResultDto : Located
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? LicenseType { get; set; }
    public string? Material { get; set; }
}

internal sealed class MatterDto : Located
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? BasicCode { get; set; }
    public string? Type { get; set; }
    public string? Department { get; set; }
    public string? ServiceObject { get; set; }
    public List<BasisDto>? Basis { get; set; }
    public List<string>? Conditions { get; set; }
    /// <summary>Field keys; a trailing <c>?</c> marks an optional field.</summary>
    public List<string>? Fields { get; set; }
    public List<MatterMaterialDto>? Materials { get; set; }
    public string? Statutory { get; set; }
    public string? Promised { get; set; }
    public List<FeeDto>? Fees { get; set; }
    public ResultDto? Result { get; set; }
    public List<string>? Steps { get; set; }
    public List<string>? Handling { get; set; }
    public string? Phone { get; set; }
}

internal sealed class QuestionOptionDto : Located
{
    public string? Code { get; set; }
    public string? Label { get; set; }
    public string? Stop { get; set; }
    public string? When { get; set; }
}

internal sealed class QuestionDto : Located
{
    public string? Id { get; set; }
    public string? Text { get; set; }
    public string? Help { get; set; }
    public bool Multiple { get; set; }
    public int? MinChoices { get; set; }
    public string? Default { get; set; }
    public string? When { get; set; }
    public List<QuestionOptionDto>? Options { get; set; }
}

internal sealed class RuleDto : Located
{
    public string? Key { get; set; }
    public string? When { get; set; }
    public bool? Required { get; set; }
    public string? Necessity { get; set; }
    public string? As { get; set; }
}

internal sealed class BundleMatterDto : Located
{
    public string? Matter { get; set; }
    public string? When { get; set; }
    public string? Promised { get; set; }
    public List<RuleDto>? Fields { get; set; }
    public List<RuleDto>? Materials { get; set; }
}

internal sealed class EdgeDto : Located
{
    public string? From { get; set; }
    public string? To { get; set; }
    public string? Mode { get; set; }
    public string? Note { get; set; }
}

internal sealed class FaqDto : Located
{
    public string? Q { get; set; }
    public string? A { get; set; }
}

internal sealed class BundleSourceDto : Located
{
    public string? Name { get; set; }
    public string? Url { get; set; }
    public string? Adapted { get; set; }
}

internal sealed class BundleDto : Located
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public string? Category { get; set; }
    public string? Theme { get; set; }
    public string? LeadDepartment { get; set; }
    public string? Summary { get; set; }
    public string? Audience { get; set; }
    public List<string>? Conditions { get; set; }
    public string? Promised { get; set; }
    public List<QuestionDto>? Questions { get; set; }
    public List<BundleMatterDto>? Matters { get; set; }
    public List<EdgeDto>? Edges { get; set; }
    public List<string>? Steps { get; set; }
    public int? Trips { get; set; }
    public List<FaqDto>? Faq { get; set; }
    public List<string>? Keywords { get; set; }
    public List<string>? Fees { get; set; }
    public BundleSourceDto? Source { get; set; }
}
