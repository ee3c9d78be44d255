using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using OneGo.Domain.Cases;
using OneGo.Domain.Catalog;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Features.Cases;
using OneGo.Web.Features.Files;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Apply;

/// <summary>
/// One application for one bundle: the scenario questions, the merged form (prefilled from the registers), the
/// non-exempt materials, then draft or submit. The same page continues a draft and answers a correction notice
/// (<c>?case=</c>); the window clerk and the assistant use it for a walk-in applicant.
/// </summary>
public partial class Apply
{
    private enum Mode { New, Draft, Correction }

    [Parameter] public string Code { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "case")] public long? CaseId { get; set; }

    private Bundle? _bundle;
    private Mode _mode = Mode.New;
    private readonly Dictionary<string, List<string>> _answers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _form = new(StringComparer.Ordinal);
    private readonly Dictionary<string, StoredFile> _uploads = new(StringComparer.Ordinal);
    private IReadOnlyList<string> _corrections = [];
    private PlanOutcome? _outcome;
    private CaseApplicant? _applicant;
    private ApplicantKind _applicantKind = ApplicantKind.Person;
    private string? _applicantCode;
    private string? _agentId;
    private string? _authorisation;
    private bool _ready;
    // One key per page: a double click or a retried submission files one case.
    private readonly string _idempotencyKey = "ui-" + Guid.NewGuid().ToString("N");

    private Plan? Plan => _outcome?.Plan;

    private string Heading => _bundle is null ? "在线申请" : _mode switch
    {
        Mode.Correction => "补正：" + _bundle.Name,
        Mode.Draft => "继续申请：" + _bundle.Name,
        _ => "申请：" + _bundle.Name,
    };

    protected override async Task LoadAsync(IServiceProvider services)
    {
        if (_bundle is not null)
        {
            return;
        }
        var service = services.GetRequiredService<CaseService>();
        var catalog = (await service.CurrentCatalogAsync(CancellationToken.None)).Catalog;
        if (!catalog.BundlesByCode.TryGetValue(Code, out var bundle))
        {
            return;
        }
        if (CaseId is { } id)
        {
            var @case = await service.LoadVisibleAsync(User, id, withEvents: false, CancellationToken.None);
            if (@case.BundleCode != Code || @case.State is not (CaseState.Draft or CaseState.CorrectionRequested))
            {
                throw ProblemException.BadRequest("not-editable", $"办件当前为“{CaseLabels.Of(@case.State)}”，不能修改申请内容");
            }
            _mode = @case.State == CaseState.Draft ? Mode.Draft : Mode.Correction;
            _corrections = @case.CorrectionItems;
            foreach (var (key, values) in JsonSerializer.Deserialize<Dictionary<string, List<string>>>(@case.AnswersJson, CaseService.Json) ?? [])
            {
                _answers[key] = values;
            }
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(@case.FormJson, CaseService.Json) ?? [])
            {
                _form[key] = value;
            }
            foreach (var m in @case.Materials.Where(m => m.Origin == MaterialOrigin.Applicant && m.FileHash is not null))
            {
                _uploads[m.Key] = new StoredFile(m.FileHash!, m.Size, m.ContentType ?? string.Empty, m.FileName ?? m.Name);
            }
            _applicantKind = @case.ApplicantKind;
            _applicantCode = @case.ApplicantCode;
            _agentId = @case.AgentIdNumber;
        }
        else
        {
            foreach (var question in bundle.Questions.Where(q => q.Default is not null))
            {
                _answers[question.Id] = [question.Default!];
            }
            // From the consultation (情形引导): the same answers in the query string carry over.
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(Navigation.Uri).Query);
            foreach (var question in bundle.Questions)
            {
                if (query.TryGetValue(question.Id, out var values))
                {
                    var chosen = values.Where(v => question.Options.Any(o => o.Code == v)).Select(v => v!).ToList();
                    if (chosen.Count > 0)
                    {
                        _answers[question.Id] = chosen;
                    }
                }
            }
        }
        _bundle = bundle;
        if (User.Is(Roles.Applicant) || _mode != Mode.New)
        {
            await PreviewAsync(service);
        }
    }

    /// <summary>Re-plans after every answer: the form, the materials and the dates follow the situation.</summary>
    private async Task PreviewAsync(CaseService service)
    {
        var applicant = User.Is(Roles.Applicant) ? null : new ApplicantInput(_applicantKind, (_applicantCode ?? string.Empty).Trim().ToUpperInvariant(), Blank(_agentId));
        (_applicant, _outcome) = await service.PreviewAsync(User, Code, Answers(), applicant, CancellationToken.None);
        _ready = true;
        if (_outcome.Plan is { } plan)
        {
            foreach (var field in plan.Form.SelectMany(s => s.Fields).Where(f => f.PrefillValue is not null && !_form.ContainsKey(f.Key)))
            {
                _form[field.Key] = field.PrefillValue!;
            }
        }
    }

    private Task ReplanAsync() => RunAsync(services => PreviewAsync(services.GetRequiredService<CaseService>()));

    private async Task ApplicantChanged()
    {
        _ready = false;
        _applicant = null;
        _outcome = null;
        if (string.IsNullOrWhiteSpace(_applicantCode) || _applicantCode.Trim().Length != 18)
        {
            return;
        }
        await ReplanAsync();
    }

    private bool Applicable(Question question) =>
        Plan?.Questions.FirstOrDefault(q => q.Id == question.Id) is not { } planned || planned.Applicable;

    private bool Chosen(string question, string option) => _answers.TryGetValue(question, out var values) && values.Contains(option);

    private Task Choose(string question, string option)
    {
        _answers[question] = [option];
        return ReplanAsync();
    }

    private Task Toggle(string question, string option, bool on)
    {
        var values = _answers.TryGetValue(question, out var existing) ? existing : _answers[question] = [];
        values.Remove(option);
        if (on)
        {
            values.Add(option);
        }
        return ReplanAsync();
    }

    private string Value(string key) => _form.TryGetValue(key, out var value) ? value : string.Empty;

    private void Set(string key, object? value) => _form[key] = value?.ToString() ?? string.Empty;

    private async Task UploadAsync(string key, InputFileChangeEventArgs e)
    {
        var file = e.File;
        await RunAsync(async services =>
        {
            _uploads[key] = await BrowserUpload.ReadAsync(services, User, file);
        }, $"已上传 {file.Name}");
    }

    private async Task SaveAsync(bool submit)
    {
        if (string.IsNullOrWhiteSpace(_authorisation) && User.Is(Roles.Assistant) && _mode == Mode.New)
        {
            Error = "帮办代办须记录申请人的授权委托";
            return;
        }
        long? saved = null;
        await RunAsync(async services =>
        {
            var service = services.GetRequiredService<CaseService>();
            var body = Body(submit);
            var @case = _mode switch
            {
                Mode.Correction => await service.ResubmitAsync(User, CaseId!.Value, body, CancellationToken.None),
                Mode.Draft => await service.UpdateDraftAsync(User, CaseId!.Value, body, CancellationToken.None),
                _ => (await service.CreateAsync(User, body, submit ? _idempotencyKey : null, CancellationToken.None)).Case,
            };
            saved = @case.Id;
        });
        if (saved is { } id)
        {
            var target = User.Is(Roles.Applicant) ? "/my/" : "/window/cases/";
            Navigation.NavigateTo(target + id.ToString(CultureInfo.InvariantCulture) + (submit ? string.Empty : "?saved=draft"));
        }
    }

    /// <summary>The application as the API takes it, so the page and the API validate alike.</summary>
    private byte[] Body(bool submit)
    {
        var live = Plan?.Form.SelectMany(s => s.Fields).Select(f => f.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var needed = Plan?.Materials.Where(m => !m.IsExempt).Select(m => m.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var body = new Dictionary<string, object?>
        {
            ["answers"] = Answers(),
            ["form"] = _form.Where(p => live.Contains(p.Key) && !string.IsNullOrWhiteSpace(p.Value)).ToDictionary(p => p.Key, p => p.Value.Trim()),
            ["materials"] = _uploads.Where(u => needed.Contains(u.Key)).Select(u => new MaterialInput(u.Key, u.Value.Hash, u.Value.Name)).ToList(),
            ["submit"] = submit,
        };
        if (_mode == Mode.New)
        {
            body["bundle"] = Code;
            if (!User.Is(Roles.Applicant))
            {
                var code = (_applicantCode ?? string.Empty).Trim().ToUpperInvariant();
                body["applicant"] = _applicantKind == ApplicantKind.Person
                    ? new Dictionary<string, string?> { ["idNumber"] = code, ["agentIdNumber"] = Blank(_agentId) }
                    : new Dictionary<string, string?> { ["creditCode"] = code, ["agentIdNumber"] = Blank(_agentId) };
                body["authorisation"] = Blank(_authorisation);
            }
        }
        return JsonSerializer.SerializeToUtf8Bytes(body, CaseService.Json);
    }

    private Dictionary<string, IReadOnlyList<string>> Answers() =>
        _answers.Where(a => a.Value.Count > 0).ToDictionary(a => a.Key, a => (IReadOnlyList<string>)a.Value.ToList(), StringComparer.Ordinal);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Id(string key) => key.Replace('.', '-');

    private static string InputType(FieldType type) => type switch
    {
        FieldType.Date => "date",
        FieldType.Phone => "tel",
        FieldType.Number or FieldType.Money => "text",
        _ => "text",
    };

    private static string Necessity(Necessity necessity) => necessity switch
    {
        Domain.Catalog.Necessity.Required => "必须",
        Domain.Catalog.Necessity.Optional => "选交",
        Domain.Catalog.Necessity.Tolerable => "必须（可容缺后补）",
        _ => necessity.ToString(),
    };
}
