using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Ratings;

/// <summary>What the applicant gives: the level, one level per indicator of the case's channel, and a comment.</summary>
public sealed record RatingInput(long? Task, RatingLevel Level, IReadOnlyDictionary<RatingIndicator, RatingLevel> Scores, string? Comment);

/// <summary>Which rectifications to list; null means any.</summary>
public sealed record RectificationFilter(RectificationState? State = null, bool OverdueOnly = false, string? Department = null, bool AppealsOnly = false);

/// <summary>
/// 好差评 and 差评整改: the applicant rates a closed case or a matter of it; a bad review opens a rectification for each
/// responsible department, which follows up, rectifies, answers the rater and may appeal to the supervision office.
/// Every change is one transaction with its audit entries (and, where it concerns the case, a timeline event).
/// </summary>
public sealed class RatingService(OneGoDb db, CaseService cases, IOptions<RatingOptions> options)
{
    public OneGoDb Db => db;

    public DateTimeOffset Now => cases.Now;

    /// <summary>The rating part of a case this user may see: the form for the applicant, the ratings and replies for everyone who sees the case.</summary>
    public async Task<RatingSheet> SheetAsync(CurrentUser user, long caseId, CancellationToken cancellationToken)
    {
        var @case = await cases.LoadVisibleAsync(user, caseId, withEvents: false, cancellationToken);
        var ratings = await db.Ratings.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var rectifications = await db.Rectifications.AsNoTracking().Where(x => x.CaseId == caseId).ToListAsync(cancellationToken);
        var channel = RatingIndicators.ChannelOf(@case.Channel);
        var own = user.Is(Roles.Applicant);
        string? reason = null;
        List<RatingSubject> open = [];
        if (!own)
        {
            reason = "只有申请人本人可以评价";
        }
        else if (@case.State is not (CaseState.Completed or CaseState.PartiallyCompleted or CaseState.Denied))
        {
            reason = $"办件当前为“{CaseLabels.Of(@case.State)}”，办结后才能评价";
        }
        else
        {
            if (!ratings.Any(r => r.TaskId is null))
            {
                open.Add(new RatingSubject(null, $"整个办件（{@case.BundleName}）", null));
            }
            open.AddRange(@case.Tasks.Where(t => t.State is TaskState.Approved or TaskState.Denied && !ratings.Any(r => r.TaskId == t.Id))
                .OrderBy(t => t.Id).Select(t => new RatingSubject(t.Id, t.MatterName, t.DepartmentName)));
            reason = open.Count == 0 ? "办件和各事项都已评价，感谢您的评价" : null;
        }
        return new RatingSheet(caseId, open.Count > 0, reason, channel, channel.Label(),
            RatingLevels.All.Select(l => new LevelView(l, l.Label(), l.IsBad())).ToList(),
            RatingIndicators.For(channel).Select(i => new IndicatorView(i, i.Label())).ToList(),
            open, ratings.Select(r => RatingView.From(r, rectifications, unmasked: own)).ToList());
    }

    /// <summary>The applicant rates their closed case or one of its matters; a bad review opens the rectifications.</summary>
    public async Task<RatingView> RateAsync(CurrentUser user, long caseId, RatingInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!user.Is(Roles.Applicant))
        {
            throw ProblemException.Forbidden("forbidden", "只有申请人本人可以评价");
        }
        var settings = options.Value;
        var calendar = await cases.CalendarAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var now = Now;
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var @case = await CaseQueries.Visible(db.Cases.Include(c => c.Tasks), user).AsSingleQuery().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken)
            ?? throw ProblemException.NotFound("case-not-found", "没有这个办件，或您无权查看");
        var existing = await db.Ratings.Where(r => r.CaseId == caseId).ToListAsync(cancellationToken);
        var catalog = await cases.CatalogAsync(@case.CatalogVersion, cancellationToken);
        ResponsibleDepartment? lead = catalog.BundlesByCode.TryGetValue(@case.BundleCode, out var bundle) && catalog.DepartmentsByCode.TryGetValue(bundle.LeadDepartment, out var department)
            ? new ResponsibleDepartment(department.Code, department.Name)
            : null;
        var rating = Rating.Submit(@case, input.Task, input.Level, input.Scores, input.Comment, existing, lead, CaseService.Actor(user), now);
        db.Ratings.Add(rating);
        var target = $"case:{@case.Number}/rating:{rating.Subject}";
        List<AuditItem> audit = [new(user.Id, user.Role, "rating.submit", target, $"成功：{rating.Level.Label()}")];
        List<Rectification> opened = [];
        if (rating.IsBad)
        {
            foreach (var responsible in rating.ResponsibleDepartments(@case))
            {
                opened.Add(Rectification.Open(rating, responsible, calendar, settings.RectificationWorkingDays, settings.FollowUpWorkingDays, now));
                audit.Add(new AuditItem(user.Id, user.Role, "rectification.open", $"{target}/department:{responsible.Code}", "成功"));
            }
            db.Rectifications.AddRange(opened);
        }
        AuditLog.Append(db, audit, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on (case, subject) or the case's concurrency token: the same rating raced in, or the case changed.
            throw new ProblemException(StatusCodes.Status409Conflict, "already-rated", "这项评价已经提交过（每个办件、每个事项只能评价一次），请刷新后查看");
        }
        return RatingView.From(rating, opened, unmasked: true);
    }

    /// <summary>The rectifications this user may see: a reviewer their department's, a supervisor all; open ones first, by deadline.</summary>
    public async Task<List<RectificationView>> ListAsync(CurrentUser user, RectificationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Visible(db.Rectifications.AsNoTracking().Include(x => x.Rating), user);
        if (filter.State is { } state)
        {
            query = query.Where(x => x.State == state);
        }
        if (!string.IsNullOrWhiteSpace(filter.Department))
        {
            query = query.Where(x => x.DepartmentCode == filter.Department);
        }
        if (filter.AppealsOnly)
        {
            query = query.Where(x => x.Appeal == AppealState.Pending);
        }
        var today = Case.Today(Now);
        if (filter.OverdueOnly)
        {
            query = query.Where(x => x.DeadlineOn < today && x.State != RectificationState.Replied && x.State != RectificationState.Closed && x.State != RectificationState.Voided);
        }
        var items = await query.OrderByDescending(x => x.Id).Take(500).ToListAsync(cancellationToken);
        var calendar = await cases.CalendarAsync(cancellationToken);
        return items.OrderBy(x => x.IsAnswered).ThenBy(x => x.DeadlineOn).ThenBy(x => x.Id)
            .Select(x => RectificationView.From(x, calendar, today, cases.Warnings)).ToList();
    }

    public async Task<RectificationView> GetAsync(CurrentUser user, long id, CancellationToken cancellationToken)
    {
        var item = await Visible(db.Rectifications.AsNoTracking().Include(x => x.Rating), user).FirstOrDefaultAsync(x => x.Id == id, cancellationToken)
            ?? throw NotFound();
        return RectificationView.From(item, await cases.CalendarAsync(cancellationToken), Case.Today(Now), cases.Warnings);
    }

    public Task<RectificationView> FollowUpAsync(CurrentUser user, long id, FollowUpMethod method, string? summary, CancellationToken cancellationToken) =>
        ApplyAsync(user, id, Who.Department, "rectification.follow-up", (x, actor, now) => { x.RecordFollowUp(method, summary, actor, now); return Task.CompletedTask; }, cancellationToken);

    public Task<RectificationView> RecordResultAsync(CurrentUser user, long id, RectificationCategory category, string? result, CancellationToken cancellationToken) =>
        ApplyAsync(user, id, Who.Department, "rectification.result", (x, actor, now) => { x.RecordResult(category, result, actor, now); return Task.CompletedTask; }, cancellationToken);

    /// <summary>The reply to the rater, shown on their case and noted on its timeline.</summary>
    public Task<RectificationView> ReplyAsync(CurrentUser user, long id, string? reply, CancellationToken cancellationToken) =>
        ApplyAsync(user, id, Who.Department, "rectification.reply", async (x, actor, now) =>
        {
            var @case = await db.Cases.FirstAsync(c => c.Id == x.CaseId, cancellationToken);
            x.ReplyToRater(@case, reply, actor, now);
        }, cancellationToken);

    public Task<RectificationView> CloseAsync(CurrentUser user, long id, CancellationToken cancellationToken) =>
        ApplyAsync(user, id, Who.Department, "rectification.close", (x, actor, now) => { x.Close(actor, now); return Task.CompletedTask; }, cancellationToken);

    public Task<RectificationView> AppealAsync(CurrentUser user, long id, string? reason, CancellationToken cancellationToken) =>
        ApplyAsync(user, id, Who.Department, "rectification.appeal", (x, actor, now) => { x.FileAppeal(reason, actor, now); return Task.CompletedTask; }, cancellationToken);

    /// <summary>The supervision office decides an appeal; upheld, the bad review leaves the statistics.</summary>
    public Task<RectificationView> DecideAppealAsync(CurrentUser user, long id, bool uphold, string? decision, CancellationToken cancellationToken) =>
        ApplyAsync(user, id, Who.Supervisor, uphold ? "rectification.appeal-upheld" : "rectification.appeal-rejected",
            (x, actor, now) => { x.DecideAppeal(x.Rating!, uphold, decision, actor, now); return Task.CompletedTask; }, cancellationToken);

    private enum Who { Department, Supervisor }

    private async Task<RectificationView> ApplyAsync(CurrentUser user, long id, Who who, string action,
        Func<Rectification, Actor, DateTimeOffset, Task> change, CancellationToken cancellationToken)
    {
        var allowed = who switch
        {
            Who.Department => user.Is(Roles.Reviewer) && user.Department is not null,
            Who.Supervisor => user.Is(Roles.Supervisor),
        };
        if (!allowed)
        {
            throw ProblemException.Forbidden("forbidden", who == Who.Department ? "差评整改由责任部门办理" : "申诉由督办人员审核");
        }
        var calendar = await cases.CalendarAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var now = Now;
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var item = await Visible(db.Rectifications.Include(x => x.Rating), user).FirstOrDefaultAsync(x => x.Id == id, cancellationToken) ?? throw NotFound();
        await change(item, CaseService.Actor(user), now);
        AuditLog.Append(db, [new AuditItem(user.Id, user.Role, action, $"case:{item.Rating!.CaseNumber}/rectification:{item.Id}", "成功")], now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ProblemException(StatusCodes.Status409Conflict, "rectification-busy", "这条整改刚被他人处理，请刷新后查看");
        }
        return RectificationView.From(item, calendar, Case.Today(now), cases.Warnings);
    }

    /// <summary>A reviewer sees their department's rectifications, a supervisor all, anyone else none.</summary>
    private static IQueryable<Rectification> Visible(IQueryable<Rectification> query, CurrentUser user)
    {
        if (user.Is(Roles.Supervisor))
        {
            return query;
        }
        if (user.Is(Roles.Reviewer) && user.Department is { } department)
        {
            return query.Where(x => x.DepartmentCode == department);
        }
        return query.Where(x => false);
    }

    private static ProblemException NotFound() => ProblemException.NotFound("rectification-not-found", "没有这条整改，或它不属于您所在的部门");
}
