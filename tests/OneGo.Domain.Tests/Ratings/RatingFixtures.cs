using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;

namespace OneGo.Domain.Tests.Ratings;

/// <summary>A two-matter case (卫健 and 公安) accepted and completed on Thursday 2026-09-24, just before 中秋 and 国庆.</summary>
internal static class RatingFixtures
{
    public static readonly DateTimeOffset Thursday = new(2026, 9, 24, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly Actor Applicant = new("u-applicant", "applicant", "张三");
    public static readonly Actor Clerk = new("u-clerk", "clerk", "综窗一号");
    public static readonly Actor Health = new("u-health", "reviewer", "卫健审批员");
    public static readonly Actor Supervisor = new("u-supervisor", "supervisor", "督办员");
    public static readonly ResponsibleDepartment Lead = new("xg-approval", "兴国县行政审批局");

    public static readonly IReadOnlyDictionary<RatingIndicator, RatingLevel> OnlineScores = Scores(RatingChannel.Online, RatingLevel.VeryDissatisfied);

    public static IReadOnlyDictionary<RatingIndicator, RatingLevel> Scores(RatingChannel channel, RatingLevel level) =>
        RatingIndicators.For(channel).ToDictionary(i => i, _ => level);

    private static TaskSpec Spec(string code, string name, string department) =>
        new(code, name, department, department + "部门", new TimeLimit(5, LimitUnit.WorkingDays), [], [], [], name + "结果", null, null);

    public static Case Submitted(FilingChannel channel = FilingChannel.Online) =>
        Case.Start(new CaseApplicant(ApplicantKind.Person, "360732199001011237", "张三"), new Filing(channel, channel == FilingChannel.Assistant ? "授权书 001" : null),
            1, "newborn", "新生儿出生“一件事”", new TimeLimit(5, LimitUnit.WorkingDays), "{}", "{}", "{}", [], Applicant, Thursday, submit: true);

    public static Case Accepted(WorkCalendar calendar, FilingChannel channel = FilingChannel.Online)
    {
        var c = Submitted(channel);
        c.Accept([Spec("A", "出生医学证明首次签发", "xg-health"), Spec("B", "出生登记", "xg-police")], null, Clerk, Thursday, calendar);
        for (var i = 0; i < c.Tasks.Count; i++)
        {
            typeof(CaseTask).GetProperty(nameof(CaseTask.Id))!.SetValue(c.Tasks[i], i + 1L);
        }
        typeof(Case).GetProperty(nameof(Case.Id))!.SetValue(c, 42L);
        return c;
    }

    public static Case Completed(WorkCalendar calendar, FilingChannel channel = FilingChannel.Online)
    {
        var c = Accepted(calendar, channel);
        foreach (var task in c.Tasks)
        {
            c.Approve(task.Id, null, Health, Thursday, calendar);
        }
        return c;
    }

    public static Rating BadMatterRating(Case c, long taskId = 1) =>
        Rating.Submit(c, taskId, RatingLevel.VeryDissatisfied, OnlineScores, "窗口让我来回跑了三趟", [], Lead, Applicant, Thursday);

    public static void SetId(Rating rating, long id) => typeof(Rating).GetProperty(nameof(Rating.Id))!.SetValue(rating, id);
}
