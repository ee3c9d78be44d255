using System.Text.Json;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Supervision;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Cases;

/// <summary>Instants are shown at UTC+8, the time people at the county hall read.</summary>
internal static class Cst
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTimeOffset Of(DateTimeOffset at) => at.ToOffset(Offset);

    public static DateTimeOffset? Of(DateTimeOffset? at) => at?.ToOffset(Offset);
}

public sealed record CaseSummary(
    long Id, string? Number, string Bundle, string BundleName, CaseState State, string StateLabel,
    string ApplicantName, string ApplicantCode, FilingChannel Channel, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt,
    DateOnly? DeadlineOn, int? RemainingWorkingDays, WarningLevel? Warning)
{
    public static CaseSummary From(Case c, WorkCalendar calendar, DateOnly today, WarningPolicy policy, bool unmasked) => new(
        c.Id, c.Number, c.BundleCode, c.BundleName, c.State, CaseLabels.Of(c.State),
        unmasked ? c.ApplicantName : CaseQueries.MaskName(c.ApplicantName),
        unmasked ? c.ApplicantCode : CaseQueries.MaskCode(c.ApplicantKind, c.ApplicantCode),
        c.Channel, Cst.Of(c.CreatedAt), Cst.Of(c.SubmittedAt), c.DeadlineOn, c.RemainingWorkingDays(calendar, today), c.Warning(policy, calendar, today));
}

public sealed record TaskView(
    long Id, long CaseId, string Matter, string MatterName, string Department, string DepartmentName,
    TaskState State, string StateLabel, PauseKind Pause, string? PauseReason, IReadOnlyList<string> SupplementItems,
    DateOnly? ClockStartedOn, DateOnly? DeadlineOn, int? RemainingWorkingDays, int PausedWorkingDays,
    IReadOnlyList<string> StrictPrerequisites, IReadOnlyList<string> ReviewPrerequisites, IReadOnlyList<string> Materials,
    string ResultName, JsonElement? Result, string? Reason, string? ReviewerName, DateTimeOffset? DecidedAt, WarningLevel? Warning)
{
    public static TaskView From(CaseTask t, WorkCalendar calendar, DateOnly today, WarningPolicy policy) => new(
        t.Id, t.CaseId, t.MatterCode, t.MatterName, t.DepartmentCode, t.DepartmentName, t.State, CaseLabels.Of(t.State),
        t.Pause, t.PauseReason, t.SupplementItems, t.ClockStartedOn, t.DeadlineOn, t.RemainingWorkingDays(calendar, today), t.PausedWorkingDays,
        t.StrictPrerequisites, t.ReviewPrerequisites, t.Materials, t.ResultName,
        t.ResultData is null ? null : JsonDocument.Parse(t.ResultData).RootElement.Clone(), t.Reason, t.ReviewerName, Cst.Of(t.DecidedAt),
        t.Warning(policy, calendar, today));
}

public sealed record MaterialView(long Id, string Key, string Name, MaterialOrigin Origin, string? File, string? FileName, string? ContentType, long Size, long? FromTask, string? Note, DateTimeOffset AddedAt)
{
    public static MaterialView From(CaseMaterial m) => new(m.Id, m.Key, m.Name, m.Origin, m.FileHash, m.FileName, m.ContentType, m.Size, m.FromTaskId, m.Note, Cst.Of(m.AddedAt));
}

public sealed record EventView(DateTimeOffset At, CaseEventKind Kind, long? Task, string Actor, string ActorRole, string Text)
{
    public static EventView From(CaseEvent e) => new(Cst.Of(e.At), e.Kind, e.TaskId, e.ActorName, Roles.Label(e.ActorRole), e.Text);
}

/// <summary>A case as its applicant, the window, the reviewers and the supervisors see it.</summary>
public sealed record CaseDetail(
    long Id, string? Number, int CatalogVersion, string Bundle, string BundleName, CaseState State, string StateLabel,
    ApplicantKind ApplicantKind, string ApplicantName, string ApplicantCode, string? AgentName, FilingChannel Channel, string? Authorisation,
    AcceptanceKind Acceptance, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? AcceptedAt, DateTimeOffset? ClosedAt,
    string Promised, DateOnly? DeadlineOn, int? RemainingWorkingDays, int PausedWorkingDays,
    IReadOnlyList<string> OutstandingMaterials, DateOnly? ToleranceDeadline, string? Commitment,
    IReadOnlyList<string> CorrectionItems, int CorrectionRounds, string? RefusalReason,
    JsonElement Answers, JsonElement Form, JsonElement Plan,
    IReadOnlyList<TaskView> Tasks, IReadOnlyList<MaterialView> Materials, IReadOnlyList<EventView> Timeline, int Version,
    DeliveryMethod? DeliveryMethod, string? DeliveredTo, string? DeliveryReference, DateTimeOffset? DeliveredAt, WarningLevel? Warning)
{
    public static CaseDetail From(Case c, WorkCalendar calendar, DateOnly today, WarningPolicy policy, bool unmasked) => new(
        c.Id, c.Number, c.CatalogVersion, c.BundleCode, c.BundleName, c.State, CaseLabels.Of(c.State),
        c.ApplicantKind,
        unmasked ? c.ApplicantName : CaseQueries.MaskName(c.ApplicantName),
        unmasked ? c.ApplicantCode : CaseQueries.MaskCode(c.ApplicantKind, c.ApplicantCode),
        c.AgentName is null ? null : unmasked ? c.AgentName : CaseQueries.MaskName(c.AgentName),
        c.Channel, c.Authorisation, c.Acceptance, Cst.Of(c.CreatedAt), Cst.Of(c.SubmittedAt), Cst.Of(c.AcceptedAt), Cst.Of(c.ClosedAt),
        c.Promised.ToString(), c.DeadlineOn, c.RemainingWorkingDays(calendar, today), c.PausedWorkingDays,
        c.OutstandingMaterials, c.ToleranceDeadline, c.Commitment, c.CorrectionItems, c.CorrectionRounds, c.RefusalReason,
        Parse(c.AnswersJson), unmasked ? Parse(c.FormJson) : MaskForm(c), unmasked ? Parse(c.PlanJson) : MaskPlan(c),
        c.Tasks.OrderBy(t => t.Id).Select(t => TaskView.From(t, calendar, today, policy)).ToList(),
        c.Materials.OrderBy(m => m.Id).Select(MaterialView.From).ToList(),
        c.Events.OrderBy(e => e.Id).Select(EventView.From).ToList(),
        c.Version,
        c.DeliveryMethod, c.DeliveredTo is null ? null : unmasked ? c.DeliveredTo : CaseQueries.MaskName(c.DeliveredTo), c.DeliveryReference, Cst.Of(c.DeliveredAt),
        c.Warning(policy, calendar, today));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    // Without the right to see personal data, the frozen Plan loses the register values it prefilled the form with.
    private static JsonElement MaskPlan(Case c)
    {
        var plan = System.Text.Json.Nodes.JsonNode.Parse(c.PlanJson)!;
        foreach (var field in plan["form"]?.AsArray().SelectMany(s => s?["fields"]?.AsArray() ?? []) ?? [])
        {
            if (field?["prefillValue"] is not null)
            {
                field["prefillValue"] = "***";
            }
        }
        return JsonSerializer.SerializeToElement(plan, CaseService.Json);
    }

    // Without the right to see personal data, only the keys of the form are shown.
    private static JsonElement MaskForm(Case c)
    {
        var form = JsonSerializer.Deserialize<Dictionary<string, string>>(c.FormJson, CaseService.Json) ?? [];
        return JsonSerializer.SerializeToElement(form.ToDictionary(p => p.Key, _ => "***"), CaseService.Json);
    }
}
