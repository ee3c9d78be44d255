using OneGo.Domain.Cases;
using OneGo.Web.Data;

namespace OneGo.Web.Features.Notifications;

/// <summary>Tells applicants, in their inbox and by SMS, when their case is accepted, needs corrections or supplements, is completed or delivered.</summary>
public static class ApplicantNotices
{
    public static string? TitleOf(CaseEventKind kind) => kind switch
    {
        CaseEventKind.Accepted or CaseEventKind.AcceptedWithTolerance => "您的办件已受理",
        CaseEventKind.CorrectionsRequested => "请按一次性告知补正材料",
        CaseEventKind.Refused => "您的申请不予受理",
        CaseEventKind.SupplementRequested => "部门要求补正材料",
        CaseEventKind.Completed => "您的办件已办结",
        CaseEventKind.PartiallyCompleted => "您的办件已办结（部分事项未获准予）",
        CaseEventKind.Denied => "您的办件已办结（不予许可）",
        CaseEventKind.Delivered => "办理结果已送达",
        _ => null,
    };

    /// <summary>Adds the notices for the case's new events to the caller's transaction.</summary>
    public static async Task AddAsync(OneGoDb db, Case @case, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(@case);
        var notices = @case.NewEvents.Select(e => (Event: e, Title: TitleOf(e.Kind))).Where(n => n.Title is not null).ToList();
        if (notices.Count == 0)
        {
            return;
        }
        var recipients = await Notifier.ApplicantAsync(db, @case.ApplicantCode, cancellationToken);
        foreach (var (e, title) in notices)
        {
            var body = $"办件 {@case.Number}（{@case.BundleName}）：{e.Text}";
            foreach (var recipient in recipients)
            {
                Notifier.Notify(db, recipient, "case", title!, body, $"/my/{@case.Id}", now);
            }
        }
    }
}
