using OneGo.Domain.Cases;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Cases;

/// <summary>Who may act on a case at all (the state machine decides whether the action fits the state).</summary>
public enum CaseAccess { Filer, FilerOrClerk, Clerk, Reviewer, Issuer }

/// <summary>
/// Scoping: an applicant sees the cases they are the applicant of (by ID number or credit code); an assistant
/// the cases they filed; a reviewer or a department head the cases with a task of their department; clerks and supervisors all;
/// issuance clerks the closed ones; administrators none.
/// </summary>
public static class CaseQueries
{
    public static IQueryable<Case> Visible(IQueryable<Case> cases, CurrentUser user)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(user);
        if (user.Is(Roles.Clerk) || user.Is(Roles.Supervisor))
        {
            return cases;
        }
        // A department head (部门负责人) sees what the department's reviewers see: the dashboards drill down to these cases.
        if ((user.Is(Roles.Reviewer) || user.Is(Roles.Head)) && user.Department is { } department)
        {
            return cases.Where(c => c.Tasks.Any(t => t.DepartmentCode == department));
        }
        if (user.Is(Roles.Applicant) && user.ApplicantCode is { } code)
        {
            return cases.Where(c => c.ApplicantCode == code);
        }
        if (user.Is(Roles.Assistant))
        {
            return cases.Where(c => c.FiledBy == user.Id);
        }
        if (user.Is(Roles.Issuer))
        {
            return cases.Where(c => c.State == CaseState.Completed || c.State == CaseState.PartiallyCompleted);
        }
        return cases.Where(c => false);
    }

    public static void RequireAccess(Case @case, CurrentUser user, CaseAccess access)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(user);
        var isFiler = @case.FiledBy == user.Id || (user.Is(Roles.Applicant) && user.ApplicantCode == @case.ApplicantCode);
        var allowed = access switch
        {
            CaseAccess.Filer => isFiler,
            CaseAccess.FilerOrClerk => isFiler || user.Is(Roles.Clerk),
            CaseAccess.Clerk => user.Is(Roles.Clerk),
            CaseAccess.Reviewer => user.Is(Roles.Reviewer),
            CaseAccess.Issuer => user.Is(Roles.Issuer),
            _ => false,
        };
        if (!allowed)
        {
            throw ProblemException.Forbidden("forbidden", access switch
            {
                CaseAccess.Filer => "只有提交这份申请的人可以修改或提交它",
                CaseAccess.FilerOrClerk => "只有申请人、代办人或综合窗口可以补正或补充材料",
                CaseAccess.Clerk => "受理、补正告知和不予受理由综合窗口办理",
                CaseAccess.Reviewer => "只有本部门审批人员可以办理这个子件",
                CaseAccess.Issuer => "办理结果由统一出件窗口送达",
                _ => "无权办理",
            });
        }
    }

    /// <summary>张三 → 张*; 欧阳娜娜 → 欧***.</summary>
    public static string MaskName(string name) =>
        string.IsNullOrEmpty(name) ? name : name[..1] + new string('*', Math.Max(1, name.Length - 1));

    /// <summary>ID numbers keep the first 4 and last 4 characters; credit codes are public and stay.</summary>
    public static string MaskCode(ApplicantKind kind, string code) =>
        kind == ApplicantKind.Enterprise || code.Length < 8 ? code : string.Concat(code.AsSpan(0, 4), new string('*', code.Length - 8), code.AsSpan(code.Length - 4));
}
