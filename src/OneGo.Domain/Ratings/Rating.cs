using OneGo.Domain.Cases;

namespace OneGo.Domain.Ratings;

/// <summary>A department that answers for a rating: its catalog code and name.</summary>
public sealed record ResponsibleDepartment(string Code, string Name);

/// <summary>
/// 好差评: the applicant's rating of a closed case as a whole, or of one of its matters (一事一评). One rating per case
/// and one per matter; a rating never changes afterwards, except that an upheld appeal voids it for the statistics.
/// </summary>
public sealed class Rating
{
    /// <summary>国办发〔2019〕51号 leaves the length open; 500 characters keep a comment a comment.</summary>
    public const int MaxComment = 500;

    /// <summary>The subject of a whole-case rating (see <see cref="Subject"/>).</summary>
    public const string CaseSubject = "case";

    private Dictionary<RatingIndicator, RatingLevel> _scores = [];

    private Rating()
    {
        Subject = BundleCode = BundleName = RaterId = RaterName = Comment = string.Empty;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public string? CaseNumber { get; private set; }
    public string BundleCode { get; private set; }
    public string BundleName { get; private set; }
    /// <summary>The rated matter's task, or null for a rating of the whole case.</summary>
    public long? TaskId { get; private set; }
    /// <summary><c>case</c> or <c>task:{id}</c>: unique per case, so the database refuses a second rating of the same thing.</summary>
    public string Subject { get; private set; }
    public string? MatterCode { get; private set; }
    public string? MatterName { get; private set; }
    /// <summary>The department that answers for the rating: the matter's department, or the bundle's lead department.</summary>
    public string? DepartmentCode { get; private set; }
    public string? DepartmentName { get; private set; }
    public RatingChannel Channel { get; private set; }
    public RatingLevel Level { get; private set; }
    public IReadOnlyDictionary<RatingIndicator, RatingLevel> Scores
    {
        get => _scores;
        private set => _scores = new Dictionary<RatingIndicator, RatingLevel>(value);
    }
    public string Comment { get; private set; }
    public string RaterId { get; private set; }
    public string RaterName { get; private set; }
    public DateTimeOffset RatedAt { get; private set; }
    /// <summary>Set when the supervision office upheld a department's appeal: the rating no longer counts.</summary>
    public DateTimeOffset? VoidedAt { get; private set; }
    public string? VoidReason { get; private set; }

    public bool IsBad => Level.IsBad();

    public bool CountsInStatistics => VoidedAt is null;

    /// <summary>
    /// Rates a closed case (<paramref name="taskId"/> null) or one of its matters. <paramref name="existing"/> are the
    /// case's ratings so far; <paramref name="lead"/> is the bundle's lead department, which answers for the whole case.
    /// Records the rating on the case's timeline.
    /// </summary>
    public static Rating Submit(Case @case, long? taskId, RatingLevel level, IReadOnlyDictionary<RatingIndicator, RatingLevel> scores, string? comment,
        IEnumerable<Rating> existing, ResponsibleDepartment? lead, Actor rater, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(rater);
        var closed = @case.State switch
        {
            CaseState.Completed or CaseState.PartiallyCompleted or CaseState.Denied => true,
            CaseState.Draft or CaseState.Submitted or CaseState.CorrectionRequested or CaseState.Refused or CaseState.InProgress => false,
        };
        if (!closed)
        {
            throw new CaseRuleException("not-completed", $"办件当前为“{CaseLabels.Of(@case.State)}”，办结后才能评价");
        }
        CaseTask? task = null;
        if (taskId is { } id)
        {
            task = @case.TaskById(id);
            if (task.State is not (TaskState.Approved or TaskState.Denied))
            {
                throw new CaseRuleException("matter-not-decided", $"“{task.MatterName}”{CaseLabels.Of(task.State)}，未经部门作出决定，请对整个办件评价", RuleKind.Invalid);
            }
        }
        if (existing.Any(r => r.CaseId == @case.Id && r.TaskId == taskId))
        {
            throw new CaseRuleException("already-rated", task is null ? "您已评价过这个办件，每个办件只能评价一次" : $"您已评价过“{task.MatterName}”，每个事项只能评价一次");
        }
        if (!Enum.IsDefined(level))
        {
            throw new CaseRuleException("level-invalid", $"评价等级应为{RatingLevels.Choices}之一", RuleKind.Invalid);
        }
        var channel = RatingIndicators.ChannelOf(@case.Channel);
        CheckScores(channel, scores);
        var text = (comment ?? string.Empty).Trim();
        if (text.Length > MaxComment)
        {
            throw new CaseRuleException("comment-too-long", $"评价内容不能超过 {MaxComment} 字（现为 {text.Length} 字）", RuleKind.Invalid);
        }
        if (level.IsBad() && text.Length == 0)
        {
            throw new CaseRuleException("comment-required", "差评请写明不满意的具体原因，以便部门回访和整改", RuleKind.Invalid);
        }

        var department = task is not null ? new ResponsibleDepartment(task.DepartmentCode, task.DepartmentName) : lead;
        var rating = new Rating
        {
            CaseId = @case.Id,
            CaseNumber = @case.Number,
            BundleCode = @case.BundleCode,
            BundleName = @case.BundleName,
            TaskId = task?.Id,
            Subject = task is null ? CaseSubject : $"task:{task.Id}",
            MatterCode = task?.MatterCode,
            MatterName = task?.MatterName,
            DepartmentCode = department?.Code,
            DepartmentName = department?.Name,
            Channel = channel,
            Level = level,
            Scores = scores,
            Comment = text,
            RaterId = rater.UserId,
            RaterName = rater.Name,
            RatedAt = now,
        };
        var what = task is null ? "对办件" : $"对“{task.MatterName}”";
        @case.Note(CaseEventKind.Rated, task?.Id, rater, now,
            $"申请人{what}作出评价：{level.Label()}" + (level.IsBad() ? "（差评，转责任部门回访整改）" : string.Empty));
        return rating;
    }

    /// <summary>
    /// The departments a bad review opens a rectification for: the rated matter's department; for the whole case the
    /// bundle's lead department, or — when the catalog names none — every department that handled the case.
    /// </summary>
    public IReadOnlyList<ResponsibleDepartment> ResponsibleDepartments(Case @case)
    {
        ArgumentNullException.ThrowIfNull(@case);
        if (DepartmentCode is not null)
        {
            return [new ResponsibleDepartment(DepartmentCode, DepartmentName ?? DepartmentCode)];
        }
        return @case.Tasks.Where(t => t.State is TaskState.Approved or TaskState.Denied)
            .Select(t => new ResponsibleDepartment(t.DepartmentCode, t.DepartmentName)).Distinct().ToList();
    }

    /// <summary>The supervision office upheld an appeal against this (bad) review: it leaves the statistics.</summary>
    internal void Void(string reason, DateTimeOffset now)
    {
        VoidedAt ??= now;
        VoidReason ??= reason;
    }

    private static void CheckScores(RatingChannel channel, IReadOnlyDictionary<RatingIndicator, RatingLevel> scores)
    {
        var wanted = RatingIndicators.For(channel);
        var foreign = scores.Keys.Where(k => !wanted.Contains(k)).ToList();
        if (foreign.Count > 0)
        {
            throw new CaseRuleException("indicator-not-applicable",
                $"{string.Join("、", foreign.Select(k => $"“{k.Label()}”"))}不是{channel.Label()}的评价指标；{channel.Label()}评价：{string.Join("、", wanted.Select(w => w.Label()))}",
                RuleKind.Invalid);
        }
        var missing = wanted.Where(w => !scores.ContainsKey(w)).ToList();
        if (missing.Count > 0)
        {
            throw new CaseRuleException("indicator-missing", $"请为以下指标评分：{string.Join("、", missing.Select(m => m.Label()))}", RuleKind.Invalid);
        }
        var undefined = scores.Where(s => !Enum.IsDefined(s.Value)).Select(s => s.Key).ToList();
        if (undefined.Count > 0)
        {
            throw new CaseRuleException("indicator-level-invalid", $"{string.Join("、", undefined.Select(u => u.Label()))}的评分应为{RatingLevels.Choices}之一", RuleKind.Invalid);
        }
    }
}
