using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Calendar;
using OneGo.Domain.Cases;
using OneGo.Domain.Catalog;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Files;
using OneGo.Web.Features.Licenses;
using OneGo.Web.Features.Notifications;
using OneGo.Web.Features.Supervision;
using OneGo.Domain.Supervision;
using Microsoft.Extensions.Options;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Cases;

/// <summary>
/// Every change of a case: load it, let the domain apply the transition, save, append the audit entries and
/// commit, all in one transaction. Two conflicting actions: the database's concurrency token makes one
/// lose; it is retried against the new state, where the domain rejects it with a clear conflict.
/// </summary>
public sealed class CaseService(OneGoDb db, PublishedCatalogs catalogs, FileStore files, TimeProvider time, LicenseIssuer licenses, IOptions<SupervisionOptions> supervision)
{
    /// <summary>When deadlines turn yellow (configuration <c>OneGo:Supervision</c>).</summary>
    public WarningPolicy Warnings => supervision.Value.Policy;

    private const int Attempts = 10;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public OneGoDb Db => db;

    /// <summary>Now at UTC+8 (China has no daylight saving).</summary>
    public DateTimeOffset Now => time.GetUtcNow().ToOffset(TimeSpan.FromHours(8));

    public async Task<WorkCalendar> CalendarAsync(CancellationToken cancellationToken) => (await catalogs.CurrentAsync(db, cancellationToken)).Catalog.Calendar;

    /// <summary>The latest published catalog and its version.</summary>
    public Task<(int Version, ServiceCatalog Catalog)> CurrentCatalogAsync(CancellationToken cancellationToken) => catalogs.CurrentAsync(db, cancellationToken);

    public Task<ServiceCatalog> CatalogAsync(int version, CancellationToken cancellationToken) => catalogs.GetAsync(db, version, cancellationToken);

    /// <summary>Creates a draft or a submitted case. With an Idempotency-Key, a retry returns the first case.</summary>
    public async Task<(Case Case, bool Replayed)> CreateAsync(CurrentUser user, byte[] body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var requestHash = Sm3.Hex(body);
        if (idempotencyKey is not null)
        {
            if (idempotencyKey.Length is 0 or > 100)
            {
                throw ProblemException.BadRequest("idempotency-key-invalid", "Idempotency-Key 应为 1 至 100 个字符");
            }
            var replay = await ReplayAsync(user, idempotencyKey, requestHash, cancellationToken);
            if (replay is not null)
            {
                return (replay, true);
            }
        }
        var input = ApplicationInput.Parse(body);
        var (version, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        var today = Case.Today(Now);
        var (applicant, profile) = await ResolveApplicantAsync(user, input, today, cancellationToken);
        var filing = user.Is(Roles.Applicant) ? new Filing(FilingChannel.Online, null)
            : user.Is(Roles.Clerk) ? new Filing(FilingChannel.Window, input.Authorisation)
            : new Filing(FilingChannel.Assistant, input.Authorisation);
        var prepared = await PrepareAsync(user, catalog, input, profile, today, cancellationToken);

        var now = Now;
        // PostgreSQL: the day's counter is bumped in its own short statement, so submissions do not queue on
        // its row lock for their whole transaction (a failed submission leaves a gap in the numbers).
        var number = input.Submit && db.IsPostgres ? await NextNumberAsync(catalog, today, cancellationToken) : null;
        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var @case = Case.Start(applicant, filing, version, prepared.Bundle.Code, prepared.Bundle.Name, prepared.Promised,
            prepared.AnswersJson, prepared.FormJson, prepared.PlanJson, prepared.Materials, Actor(user), now, input.Submit);
        if (input.Submit)
        {
            @case.AssignNumber(number ?? await NextNumberAsync(catalog, today, cancellationToken));
        }
        db.Cases.Add(@case);
        await db.SaveChangesAsync(cancellationToken);
        if (input.Submit)
        {
            await RecordLicenseUsesAsync(@case, user, now, cancellationToken);
        }
        if (idempotencyKey is not null)
        {
            db.IdempotencyKeys.Add(new IdempotencyRecord { UserId = user.Id, Key = idempotencyKey, RequestHash = requestHash, CaseId = @case.Id, CreatedAt = now });
        }
        AuditLog.Append(db, AuditItems(user, @case), now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same key raced in from a retry: keep the first case, write nothing of this one.
            await transaction.RollbackAsync(cancellationToken);
            await transaction.DisposeAsync();
            db.ChangeTracker.Clear();
            var first = await ReplayAsync(user, idempotencyKey, requestHash, cancellationToken)
                ?? throw new ProblemException(StatusCodes.Status409Conflict, "idempotency-conflict", "同一 Idempotency-Key 的请求正在处理，请稍后重试");
            return (first, true);
        }
        await transaction.CommitAsync(cancellationToken);
        return (@case, false);
    }

    /// <summary>Replaces a draft's content, or submits it when the body says so.</summary>
    public Task<Case> UpdateDraftAsync(CurrentUser user, long caseId, byte[] body, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.Filer, async (@case, calendar, now) =>
        {
            if (@case.State != CaseState.Draft)
            {
                throw new CaseRuleException("not-draft", $"办件当前为“{CaseLabels.Of(@case.State)}”，只有草稿可以修改");
            }
            var input = ApplicationInput.Parse(body);
            var catalog = (await catalogs.CurrentAsync(db, cancellationToken)).Catalog;
            if (input.Bundle is not null && input.Bundle != @case.BundleCode)
            {
                throw ProblemException.BadRequest("bundle-fixed", "办件的一件事不能更改，请另行申请");
            }
            var profile = await ProfileOfAsync(@case, Case.Today(now), cancellationToken);
            var prepared = await PrepareAsync(user, catalog, input with { Bundle = @case.BundleCode }, profile, Case.Today(now), cancellationToken);
            @case.UpdateDraft(prepared.AnswersJson, prepared.FormJson, prepared.PlanJson, prepared.Promised, prepared.Materials, Actor(user), now);
            if (input.Submit)
            {
                @case.Submit(Actor(user), now);
                @case.AssignNumber(await NextNumberAsync(catalog, Case.Today(now), cancellationToken));
                await RecordLicenseUsesAsync(@case, user, now, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>Submits a draft as it is, re-validating it against a fresh Plan.</summary>
    public Task<Case> SubmitDraftAsync(CurrentUser user, long caseId, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.Filer, async (@case, calendar, now) =>
        {
            if (@case.State != CaseState.Draft)
            {
                throw new CaseRuleException("not-draft", $"办件当前为“{CaseLabels.Of(@case.State)}”，不能再次提交");
            }
            var catalog = (await catalogs.CurrentAsync(db, cancellationToken)).Catalog;
            var input = new ApplicationInput(@case.BundleCode,
                JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(@case.AnswersJson, Json) ?? [],
                JsonSerializer.Deserialize<Dictionary<string, string>>(@case.FormJson, Json) ?? [],
                @case.Materials.Where(m => m.Origin == MaterialOrigin.Applicant).Select(m => new MaterialInput(m.Key, m.FileHash!, m.FileName ?? m.Name)).ToList(),
                true, null, null);
            var profile = await ProfileOfAsync(@case, Case.Today(now), cancellationToken);
            var prepared = await PrepareAsync(user, catalog, input, profile, Case.Today(now), cancellationToken, filesOf: @case.FiledBy);
            @case.UpdateDraft(prepared.AnswersJson, prepared.FormJson, prepared.PlanJson, prepared.Promised, prepared.Materials, Actor(user), now);
            @case.Submit(Actor(user), now);
            @case.AssignNumber(await NextNumberAsync(catalog, Case.Today(now), cancellationToken));
            await RecordLicenseUsesAsync(@case, user, now, cancellationToken);
        }, cancellationToken);

    /// <summary>Answers a correction notice with a corrected application.</summary>
    public Task<Case> ResubmitAsync(CurrentUser user, long caseId, byte[] body, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.FilerOrClerk, async (@case, calendar, now) =>
        {
            if (@case.State != CaseState.CorrectionRequested)
            {
                throw new CaseRuleException("not-awaiting-correction", $"办件当前为“{CaseLabels.Of(@case.State)}”，没有待补正的内容");
            }
            var input = ApplicationInput.Parse(body);
            var catalog = (await catalogs.CurrentAsync(db, cancellationToken)).Catalog;
            var profile = await ProfileOfAsync(@case, Case.Today(now), cancellationToken);
            var prepared = await PrepareAsync(user, catalog, input with { Bundle = @case.BundleCode, Submit = true }, profile, Case.Today(now), cancellationToken);
            @case.Resubmit(prepared.AnswersJson, prepared.FormJson, prepared.PlanJson, prepared.Promised, prepared.Materials, Actor(user), now);
            await RecordLicenseUsesAsync(@case, user, now, cancellationToken);
        }, cancellationToken);

    /// <summary>受理 or 容缺受理: one task per matter of the frozen Plan.</summary>
    public Task<Case> AcceptAsync(CurrentUser user, long caseId, ToleranceInput? tolerance, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.Clerk, async (@case, calendar, now) =>
        {
            var plan = PlanOf(@case);
            var catalog = await catalogs.GetAsync(db, @case.CatalogVersion, cancellationToken);
            Tolerance? domainTolerance = null;
            if (tolerance is not null)
            {
                var planned = plan.Materials.ToDictionary(m => m.Key, StringComparer.Ordinal);
                var wrong = tolerance.Materials.Where(k => !planned.TryGetValue(k, out var m) || m.IsExempt || m.Necessity != Necessity.Tolerable).ToList();
                if (wrong.Count > 0)
                {
                    throw ProblemException.BadRequest("not-tolerable", $"材料 {string.Join("、", wrong)} 不是本办件可容缺的材料（只有目录中标为“容缺后补”的材料可以容缺）");
                }
                domainTolerance = new Tolerance(tolerance.Materials, tolerance.SupplementWorkingDays, tolerance.Commitment ?? string.Empty);
            }
            @case.Accept(TaskSpecs(plan, catalog), domainTolerance, Actor(user), now, calendar, new MaterialNames(catalog));
        }, cancellationToken, afterSave: (@case, now) => @case.AnnounceTasks(Actor(user), now));

    public Task<Case> RequestCorrectionsAsync(CurrentUser user, long caseId, IReadOnlyList<string> items, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.Clerk, (@case, calendar, now) => { @case.RequestCorrections(items, Actor(user), now); return Task.CompletedTask; }, cancellationToken);

    public Task<Case> RefuseAsync(CurrentUser user, long caseId, string reason, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.Clerk, (@case, calendar, now) => { @case.Refuse(reason, Actor(user), now); return Task.CompletedTask; }, cancellationToken);

    /// <summary>统一出件: the paper results handed over at the window (identity checked) or posted with a tracking number.</summary>
    public Task<Case> DeliverAsync(CurrentUser user, long caseId, DeliveryInput input, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.Issuer, (@case, calendar, now) =>
        {
            switch (input.Method)
            {
                case DeliveryMethod.Pickup:
                    @case.RecordPickup(input.Name ?? string.Empty, input.IdNumber ?? string.Empty, Actor(user), now);
                    break;
                case DeliveryMethod.Post:
                    var form = JsonSerializer.Deserialize<Dictionary<string, string>>(@case.FormJson, Json) ?? [];
                    var address = string.IsNullOrWhiteSpace(input.Address) ? form.GetValueOrDefault("delivery.address") : input.Address;
                    @case.RecordPosting(address ?? string.Empty, input.TrackingNumber ?? string.Empty, Actor(user), now);
                    break;
                default:
                    throw ProblemException.BadRequest("delivery-method", "送达方式应为 pickup（窗口领取）或 post（免费邮寄）");
            }
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The material key of files that answer a department's supplement request (补正材料); every department of the case sees them.</summary>
    public const string SupplementKey = "补正材料";

    /// <summary>The applicant supplies tolerated materials or answers a department's supplement request.</summary>
    public Task<Case> SupplyAsync(CurrentUser user, long caseId, long? taskId, IReadOnlyList<MaterialInput> materials, CancellationToken cancellationToken) =>
        ApplyAsync(user, caseId, CaseAccess.FilerOrClerk, async (@case, calendar, now) =>
        {
            var catalog = await catalogs.GetAsync(db, @case.CatalogVersion, cancellationToken);
            var stored = await MaterialsAsync(user.Id, catalog, materials, MaterialOrigin.Supplement, now, cancellationToken);
            @case.Supply(taskId, stored, Actor(user), now, calendar, new MaterialNames(catalog));
        }, cancellationToken);

    /// <summary>A department action on one task; reviewers reach only their department's tasks.</summary>
    public async Task<Case> ActOnTaskAsync(CurrentUser user, long taskId, Action<Case, CaseTask, WorkCalendar, DateTimeOffset, IMaterialNames> action, CancellationToken cancellationToken)
    {
        if (!user.Is(Roles.Reviewer) || user.Department is null)
        {
            throw ProblemException.Forbidden("forbidden", "只有本部门审批人员可以办理这个子件");
        }
        return await ApplyAsync(user, null, CaseAccess.Reviewer, async (@case, calendar, now) =>
        {
            var catalog = await catalogs.GetAsync(db, @case.CatalogVersion, cancellationToken);
            var task = @case.TaskById(taskId);
            var before = task.State;
            action(@case, task, calendar, now, new MaterialNames(catalog));
            if (before != TaskState.Approved && licenses.IssueFor(@case, task, catalog, now) is { } license)
            {
                // The license is issued in the approval's transaction: both are written, or neither.
                db.Licenses.Add(license);
            }
        }, cancellationToken, withEvents: false, taskId: taskId);
    }

    /// <summary>The case a task belongs to, if this user may act on it; 404 otherwise (no hint that it exists).</summary>
    public async Task<long> TaskCaseAsync(CurrentUser user, long taskId, CancellationToken cancellationToken)
    {
        var task = await db.Tasks.AsNoTracking().Where(t => t.Id == taskId).Select(t => new { t.CaseId, t.DepartmentCode }).FirstOrDefaultAsync(cancellationToken);
        if (task is null || !(user.Is(Roles.Supervisor) || (user.Is(Roles.Reviewer) && task.DepartmentCode == user.Department)))
        {
            throw ProblemException.NotFound("task-not-found", "没有这个子件，或它不属于您所在的部门");
        }
        return task.CaseId;
    }

    /// <summary>Loads a case this user may see (tasks, materials and the timeline), or throws 404.</summary>
    public async Task<Case> LoadVisibleAsync(CurrentUser user, long caseId, bool withEvents, CancellationToken cancellationToken)
    {
        IQueryable<Case> query = db.Cases.AsNoTracking().AsSplitQuery().Include(c => c.Tasks).Include(c => c.Materials);
        if (withEvents)
        {
            query = query.Include(c => c.Events);
        }
        var @case = await CaseQueries.Visible(query, user).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        return @case ?? throw ProblemException.NotFound("case-not-found", "没有这个办件，或您无权查看");
    }

    // 用证记录: the held licenses the submitted Plan relies on, in the submission's transaction.
    private Task RecordLicenseUsesAsync(Case @case, CurrentUser user, DateTimeOffset now, CancellationToken cancellationToken) =>
        LicenseRegistry.RecordUsesAsync(db, @case, PlanOf(@case), $"{user.Name}（{Roles.Label(user.Role)}）", now, cancellationToken);

    public static Plan PlanOf(Case @case) =>
        JsonSerializer.Deserialize<Plan>(@case.PlanJson, Json) ?? throw new InvalidOperationException("办件缺少冻结的办理方案");

    private async Task<Case> ApplyAsync(CurrentUser user, long? caseId, CaseAccess access, Func<Case, WorkCalendar, DateTimeOffset, Task> action,
        CancellationToken cancellationToken, Action<Case, DateTimeOffset>? afterSave = null, bool withEvents = true, long? taskId = null)
    {
        var calendar = await CalendarAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var now = Now;
            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            // One round trip for the case with its tasks and materials; the timeline (longer) in a second one when asked for.
            IQueryable<Case> query = db.Cases.Include(c => c.Tasks).Include(c => c.Materials);
            query = withEvents ? query.Include(c => c.Events).AsSplitQuery() : query.AsSingleQuery();
            Case? @case;
            if (taskId is { } task)
            {
                // A department action: the case that has this task of the reviewer's department, or 404.
                var department = user.Department;
                @case = await query.FirstOrDefaultAsync(c => c.Tasks.Any(t => t.Id == task && t.DepartmentCode == department), cancellationToken)
                    ?? throw ProblemException.NotFound("task-not-found", "没有这个子件，或它不属于您所在的部门");
            }
            else
            {
                @case = await CaseQueries.Visible(query, user).FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken)
                    ?? throw ProblemException.NotFound("case-not-found", "没有这个办件，或您无权查看");
            }
            CaseQueries.RequireAccess(@case, user, access);
            await action(@case, calendar, now);
            try
            {
                if (afterSave is not null)
                {
                    // New tasks need their ids before their events can name them.
                    await db.SaveChangesAsync(cancellationToken);
                    afterSave(@case, now);
                }
                await ApplicantNotices.AddAsync(db, @case, now, cancellationToken);
                AuditLog.Append(db, AuditItems(user, @case), now);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return @case;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                // Someone else changed the case first: run the action again on what they left.
                await transaction.RollbackAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                throw new ProblemException(StatusCodes.Status409Conflict, "case-busy", "办件正被多人同时处理，请刷新后重试");
            }
        }
    }

    private async Task<Case?> ReplayAsync(CurrentUser user, string key, string requestHash, CancellationToken cancellationToken)
    {
        var record = await db.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.UserId == user.Id && k.Key == key, cancellationToken);
        if (record is null)
        {
            return null;
        }
        if (record.RequestHash != requestHash)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused",
                "这个 Idempotency-Key 已用于内容不同的另一次提交；重试请使用相同的内容，新的申请请使用新的 Idempotency-Key");
        }
        return await LoadVisibleAsync(user, record.CaseId, withEvents: true, cancellationToken);
    }

    /// <summary>
    /// The Plan an application would get for these answers, for the applicant the user files for — what the apply page
    /// shows while the questions are answered (prefilled fields, exempt materials, expected dates).
    /// </summary>
    public async Task<(CaseApplicant Applicant, PlanOutcome Outcome)> PreviewAsync(CurrentUser user, string bundleCode, Dictionary<string, IReadOnlyList<string>> answers,
        ApplicantInput? applicant, CancellationToken cancellationToken)
    {
        var catalog = (await catalogs.CurrentAsync(db, cancellationToken)).Catalog;
        if (!catalog.BundlesByCode.TryGetValue(bundleCode, out var bundle))
        {
            throw ProblemException.NotFound("bundle-not-found", $"没有编码为“{bundleCode}”的一件事");
        }
        var today = Case.Today(Now);
        var input = new ApplicationInput(bundleCode, answers, [], [], false, user.Is(Roles.Applicant) ? null : applicant, null);
        var (resolved, profile) = await ResolveApplicantAsync(user, input, today, cancellationToken);
        return (resolved, Planner.Resolve(catalog, bundle, answers, profile, today));
    }

    private async Task<(CaseApplicant Applicant, ApplicantProfile Profile)> ResolveApplicantAsync(CurrentUser user, ApplicationInput input, DateOnly today, CancellationToken cancellationToken)
    {
        ApplicantKind kind;
        string code;
        string? agent;
        if (user.Is(Roles.Applicant))
        {
            if (input.Applicant is not null)
            {
                throw ProblemException.BadRequest("applicant-fixed", "申请人只能为本人（或本企业）申请；代他人申请请到综合窗口或由帮代办员办理");
            }
            code = user.ApplicantCode ?? throw ProblemException.Forbidden("not-real-name", "账号未完成实名认证，不能申请");
            kind = code == user.IdNumber ? ApplicantKind.Person : ApplicantKind.Enterprise;
            agent = kind == ApplicantKind.Enterprise ? user.IdNumber : null;
        }
        else
        {
            var given = input.Applicant ?? throw ProblemException.BadRequest("applicant-required", "代申请人提交时，请填写申请人的公民身份号码或统一社会信用代码");
            (kind, code, agent) = (given.Kind, given.Code, given.AgentIdNumber);
        }
        var (applicant, profile, error) = await ApplicantProfiles.LoadAsync(db, kind, code, agent, today, cancellationToken);
        if (applicant is null)
        {
            throw ProblemException.BadRequest("applicant-invalid", error!);
        }
        return (applicant, profile);
    }

    private async Task<ApplicantProfile> ProfileOfAsync(Case @case, DateOnly today, CancellationToken cancellationToken) =>
        (await ApplicantProfiles.LoadAsync(db, @case.ApplicantKind, @case.ApplicantCode, @case.AgentIdNumber, today, cancellationToken)).Profile;

    private sealed record Prepared(Bundle Bundle, TimeLimit Promised, string AnswersJson, string FormJson, string PlanJson, List<CaseMaterial> Materials);

    private async Task<Prepared> PrepareAsync(CurrentUser user, ServiceCatalog catalog, ApplicationInput input, ApplicantProfile profile, DateOnly today,
        CancellationToken cancellationToken, string? filesOf = null)
    {
        if (string.IsNullOrWhiteSpace(input.Bundle))
        {
            throw ProblemException.BadRequest("bundle-required", "请指定要办理的一件事（bundle）");
        }
        if (!catalog.BundlesByCode.TryGetValue(input.Bundle, out var bundle))
        {
            throw ProblemException.BadRequest("bundle-not-found", $"没有编码为“{input.Bundle}”的一件事");
        }
        var outcome = Planner.Resolve(catalog, bundle, input.Answers, profile, today);
        if (!outcome.IsValid)
        {
            throw ProblemException.BadRequest("invalid-answers", string.Join("；", outcome.Problems.Select(p => p.Message)),
                outcome.Problems.Select(p => new FieldError("answers." + p.QuestionId, p.Message)).ToList());
        }
        var plan = outcome.Plan!;
        if (plan.Stop is { } stop)
        {
            throw new ProblemException(StatusCodes.Status422UnprocessableEntity, "bundle-not-applicable", stop.Reason);
        }
        var form = new Dictionary<string, string>(input.Form, StringComparer.Ordinal);
        foreach (var field in plan.Form.SelectMany(s => s.Fields))
        {
            if (field.PrefillValue is not null && (!form.TryGetValue(field.Key, out var value) || string.IsNullOrWhiteSpace(value)))
            {
                form[field.Key] = field.PrefillValue;
            }
        }
        var duplicates = input.Materials.GroupBy(m => (m.Key, m.File)).Where(g => g.Count() > 1).Select(g => g.Key.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw ProblemException.BadRequest("material-duplicate", $"材料 {string.Join("、", duplicates)} 的同一文件重复提交");
        }
        var problems = SubmissionCheck.Check(catalog, plan, form, input.Materials.Select(m => m.Key).ToHashSet(StringComparer.Ordinal), today, input.Submit)
            .Select(p => new FieldError(p.Target, p.Message)).ToList();
        if (problems.Count > 0)
        {
            throw ProblemException.BadRequest("application-invalid", $"申请有 {problems.Count} 处需要修改：" + string.Join("；", problems.Select(p => p.Message)), problems);
        }
        var materials = await MaterialsAsync(filesOf ?? user.Id, catalog, input.Materials, MaterialOrigin.Applicant, Now, cancellationToken);
        return new Prepared(bundle, plan.Timing!.Promised, JsonSerializer.Serialize(input.Answers, Json), JsonSerializer.Serialize(form, Json),
            JsonSerializer.Serialize(plan, Json), materials);
    }

    private async Task<List<CaseMaterial>> MaterialsAsync(string uploader, ServiceCatalog catalog, IReadOnlyList<MaterialInput> inputs, MaterialOrigin origin,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var result = new List<CaseMaterial>();
        var errors = new List<FieldError>();
        var hashes = inputs.Select(i => i.File).Distinct().ToList();
        var stored = await db.StoredFiles.AsNoTracking().Where(f => f.UploadedBy == uploader && hashes.Contains(f.Hash)).ToDictionaryAsync(f => f.Hash, cancellationToken);
        foreach (var input in inputs)
        {
            if (FileStore.CheckName(input.Name) is { } nameError)
            {
                errors.Add(new FieldError(input.Key, $"材料 {input.Key} 的文件名无效：{nameError}"));
                continue;
            }
            if (!stored.TryGetValue(input.File, out var file) || !File.Exists(files.PathOf(file.Hash)))
            {
                errors.Add(new FieldError(input.Key, $"材料 {input.Key} 的文件 {input.File} 不存在，请先上传"));
                continue;
            }
            var name = catalog.MaterialsByKey.TryGetValue(input.Key, out var definition) ? definition.Name : input.Key;
            result.Add(new CaseMaterial(input.Key, name, origin, now, file.Hash, input.Name, file.ContentType, file.Size));
        }
        if (errors.Count > 0)
        {
            throw ProblemException.BadRequest("material-invalid", string.Join("；", errors.Select(e => e.Message)), errors);
        }
        return result;
    }

    /// <summary>办件编号: region code, acceptance day and the day's sequence, e.g. 360732-20260924-00017.</summary>
    private async Task<string> NextNumberAsync(ServiceCatalog catalog, DateOnly today, CancellationToken cancellationToken)
    {
        var next = await db.Database.SqlQueryRaw<int>(
            "INSERT INTO \"CaseNumberCounters\" (\"Day\", \"Last\") VALUES ({0}, 1) ON CONFLICT (\"Day\") DO UPDATE SET \"Last\" = \"CaseNumberCounters\".\"Last\" + 1 RETURNING \"Last\" AS \"Value\"",
            today).ToListAsync(cancellationToken);
        return $"{catalog.Region?.Code ?? "000000"}-{today:yyyyMMdd}-{next[0]:D5}";
    }

    private static List<TaskSpec> TaskSpecs(Plan plan, ServiceCatalog catalog) =>
        plan.Matters.Select(m =>
        {
            var matter = catalog.MattersByCode[m.Code];
            return new TaskSpec(m.Code, m.Name, m.DepartmentCode, m.DepartmentName, m.Limit,
                plan.Edges.Where(e => e.To == m.Code && e.Mode == EdgeMode.Strict).Select(e => e.From).ToList(),
                plan.Edges.Where(e => e.To == m.Code && e.Mode == EdgeMode.Prereview).Select(e => e.From).ToList(),
                plan.Materials.Where(x => !x.IsExempt && x.Matters.Contains(m.Code)).Select(x => x.Key).ToList(),
                matter.Result.Name,
                // The material this result stands for: the one the Plan exempted because of it, else the catalog's.
                plan.Materials.FirstOrDefault(x => x.Exemption is { Kind: ExemptionKind.BundleResult } e && e.Matter == m.Code)?.Key ?? matter.Result.Material,
                matter.Result.LicenseType);
        }).ToList();

    public static Actor Actor(CurrentUser user) => new(user.Id, user.Role, user.Name);

    private static List<AuditItem> AuditItems(CurrentUser user, Case @case) =>
        @case.NewEvents.Select(e => new AuditItem(user.Id, user.Role, "case." + JsonNamingPolicy.CamelCase.ConvertName(e.Kind.ToString()),
            e.TaskId is { } task ? $"case:{@case.Number ?? @case.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}/task:{task}" : $"case:{@case.Number ?? @case.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
            "成功")).ToList();
}

/// <summary>Material names from the catalog a case was submitted under.</summary>
public sealed class MaterialNames(ServiceCatalog catalog) : IMaterialNames
{
    public string NameOf(string key) => catalog.MaterialsByKey.TryGetValue(key, out var material) ? material.Name : key;
}

/// <summary>The tolerance part of an acceptance request.</summary>
/// <summary>How results are handed over: pickup with the collector's name and ID number, or post with the tracking number (and address, else the form's).</summary>
public sealed record DeliveryInput(DeliveryMethod Method, string? Name, string? IdNumber, string? Address, string? TrackingNumber);

public sealed record ToleranceInput(IReadOnlyList<string> Materials, int SupplementWorkingDays, string? Commitment);
