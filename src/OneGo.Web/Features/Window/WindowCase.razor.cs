using System.Text.Json;
using Microsoft.AspNetCore.Components;
using OneGo.Domain.Catalog;
using OneGo.Domain.Planning;
using OneGo.Web.Features.Cases;

namespace OneGo.Web.Features.Window;

/// <summary>The window clerk's completeness check: the submitted case beside its Plan, then accept, tolerate, correct or refuse.</summary>
public partial class WindowCase
{
    [Parameter] public long Id { get; set; }

    [SupplyParameterFromQuery] public string? Saved { get; set; }

    private CaseDetail? _case;
    private Plan? _plan;
    private List<PlanMaterial> _tolerable = [];
    private readonly HashSet<string> _tolerated = new(StringComparer.Ordinal);
    private int _supplementDays = 5;
    private string _commitment = "申请人承诺在期限内补交容缺材料";
    private string? _corrections;
    private string? _refusal;

    protected override async Task LoadAsync(IServiceProvider services)
    {
        var service = services.GetRequiredService<CaseService>();
        _case = await CasesApi.DetailAsync(service, User, Id, CancellationToken.None, audit: _case is null);
        _plan = _case.Plan.Deserialize<Plan>(CaseService.Json);
        var submitted = _case.Materials.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        _tolerable = _plan?.Materials.Where(m => !m.IsExempt && m.Necessity == Necessity.Tolerable).ToList() ?? [];
        if (_corrections is null && _plan is not null)
        {
            // Suggest the missing materials; the clerk completes the list (一次性告知: everything at once).
            var missing = _plan.Materials.Where(m => !m.IsExempt && m.Necessity == Necessity.Required && !submitted.Contains(m.Key)).Select(m => $"补交{m.Name}");
            _corrections = string.Join('\n', missing);
        }
        foreach (var m in _tolerable.Where(m => !submitted.Contains(m.Key)))
        {
            _tolerated.Add(m.Key);
        }
    }

    private string FormValue(PlanField field)
    {
        if (!_case!.Form.TryGetProperty(field.Key, out var value) || value.GetString() is not { Length: > 0 } text)
        {
            return "—";
        }
        return field.Options.FirstOrDefault(o => o.Code == text)?.Label ?? text switch { "true" => "是", "false" => "否", _ => text };
    }

    private static string Requirement(PlanMaterial m) => m.Necessity switch
    {
        Necessity.Required => "必须",
        Necessity.Optional => "选交",
        Necessity.Tolerable => "可容缺",
        _ => m.Necessity.ToString(),
    } + (m.Count > 1 ? $" ×{m.Count}" : string.Empty);

    private void Tolerate(string key, bool on)
    {
        if (on)
        {
            _tolerated.Add(key);
        }
        else
        {
            _tolerated.Remove(key);
        }
    }

    private Task AcceptAsync() => RunAsync(
        services => services.GetRequiredService<CaseService>().AcceptAsync(User, Id, null, CancellationToken.None), "已受理，各部门同步开始办理");

    private Task AcceptWithToleranceAsync() => RunAsync(
        services => services.GetRequiredService<CaseService>().AcceptAsync(User, Id, new ToleranceInput([.. _tolerated], _supplementDays, _commitment), CancellationToken.None),
        "已容缺受理");

    private Task CorrectionsAsync() => RunAsync(
        services => services.GetRequiredService<CaseService>().RequestCorrectionsAsync(User, Id, Lines(_corrections), CancellationToken.None), "已出具一次性告知书");

    private Task RefuseAsync() => RunAsync(
        services => services.GetRequiredService<CaseService>().RefuseAsync(User, Id, (_refusal ?? string.Empty).Trim(), CancellationToken.None), "已作出不予受理决定");

    private static List<string> Lines(string? text) =>
        [.. (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
