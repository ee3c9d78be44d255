using System.Globalization;
using System.Text.RegularExpressions;
using OneGo.Domain.Catalog;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Planning;

namespace OneGo.Domain.Cases;

/// <summary>One thing wrong with an application: the field key or material key, and what to do about it.</summary>
public sealed record SubmissionProblem(string Target, string Message);

/// <summary>
/// Re-validates an application against its Plan on the server: every field required under these answers
/// is filled, every value has its type (ID numbers and credit codes with their check characters), every
/// required material that is not exempt is present, and nothing is sent that the Plan does not ask for.
/// </summary>
public static class SubmissionCheck
{
    private static readonly Regex Mobile = new(@"^1[3-9]\d{9}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    private static readonly Regex Landline = new(@"^0\d{2,3}-?\d{7,8}$", RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));

    /// <param name="forSubmission">Drafts only check what is filled in; submissions also check what is missing.</param>
    public static IReadOnlyList<SubmissionProblem> Check(
        ServiceCatalog catalog, Plan plan, IReadOnlyDictionary<string, string> form, IReadOnlySet<string> materials, DateOnly today, bool forSubmission)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(materials);
        var problems = new List<SubmissionProblem>();
        var fields = plan.Form.SelectMany(s => s.Fields).ToDictionary(f => f.Key, StringComparer.Ordinal);

        foreach (var key in form.Keys.Where(k => !fields.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            problems.Add(new SubmissionProblem(key, $"表单项“{key}”不属于本次申请，请删除"));
        }
        foreach (var field in fields.Values)
        {
            var value = form.TryGetValue(field.Key, out var given) ? given?.Trim() ?? string.Empty : string.Empty;
            if (value.Length == 0)
            {
                if (forSubmission && field.Required)
                {
                    problems.Add(new SubmissionProblem(field.Key, $"请填写“{field.Label}”"));
                }
                continue;
            }
            var definition = catalog.FieldsByKey.TryGetValue(field.Key, out var d) ? d : null;
            var message = CheckValue(field, definition, value, today);
            if (message is not null)
            {
                problems.Add(new SubmissionProblem(field.Key, $"“{field.Label}”{message}"));
            }
        }

        var planned = plan.Materials.ToDictionary(m => m.Key, StringComparer.Ordinal);
        foreach (var key in materials.Where(k => !planned.ContainsKey(k)).Order(StringComparer.Ordinal))
        {
            problems.Add(new SubmissionProblem(key, $"材料“{key}”不在本次申请的材料清单中"));
        }
        foreach (var material in plan.Materials)
        {
            if (material.IsExempt && materials.Contains(material.Key))
            {
                problems.Add(new SubmissionProblem(material.Key, $"“{material.Name}”{material.Exemption!.Reason}，无需上传"));
            }
            else if (forSubmission && !material.IsExempt && material.Necessity == Necessity.Required && !materials.Contains(material.Key))
            {
                problems.Add(new SubmissionProblem(material.Key, $"请上传“{material.Name}”"));
            }
        }
        return problems;
    }

    private static string? CheckValue(PlanField field, FieldDefinition? definition, string value, DateOnly today)
    {
        if (definition?.MaxLength is { } max && value.Length > max)
        {
            return $"不能超过 {max} 个字";
        }
        switch (field.Type)
        {
            case FieldType.IdNumber:
                return ResidentIdNumber.TryParse(value, today, out _, out var idError) ? null : $"不是有效的公民身份号码：{idError}";
            case FieldType.CreditCode:
                return CreditCode.TryParse(value, out _, out var codeError) ? null : $"不是有效的统一社会信用代码：{codeError}";
            case FieldType.Date:
                return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "应为日期，格式 YYYY-MM-DD";
            case FieldType.Enum:
                return field.Options.Any(o => o.Code == value) ? null : $"应为以下之一：{string.Join("、", field.Options.Select(o => $"{o.Code}（{o.Label}）"))}";
            case FieldType.Phone:
                return Mobile.IsMatch(value) || Landline.IsMatch(value) ? null : "不是有效的电话号码（11 位手机号码或带区号的固定电话）";
            case FieldType.Boolean:
                return value is "true" or "false" ? null : "应为 true 或 false";
            case FieldType.Number:
            case FieldType.Money:
                if (!decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    return "应为数字";
                }
                if (definition?.Min is { } min && number < min)
                {
                    return $"不能小于 {min.ToString(CultureInfo.InvariantCulture)}";
                }
                if (definition?.Max is { } maxValue && number > maxValue)
                {
                    return $"不能大于 {maxValue.ToString(CultureInfo.InvariantCulture)}";
                }
                if (field.Type == FieldType.Money && decimal.Round(number, 2) != number)
                {
                    return "金额最多保留两位小数";
                }
                return null;
            case FieldType.Text:
            case FieldType.LongText:
            case FieldType.Address:
                if (definition?.Pattern is { } pattern && !Regex.IsMatch(value, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
                {
                    return definition.PatternMessage ?? "格式不正确";
                }
                return null;
        }
        return null;
    }
}
