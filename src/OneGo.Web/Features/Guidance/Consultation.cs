using OneGo.Domain.Catalog;
using OneGo.Domain.Planning;
using OneGo.Web.Data;
using OneGo.Web.Features.Catalog;

namespace OneGo.Web.Features.Guidance;

/// <summary>
/// The consultation (情形引导) shared by the plan API and the public pages: the current published bundle, the
/// answers read from a GET form, and the anonymous plan for them.
/// </summary>
public static class Consultation
{
    /// <summary>The hidden field a consultation form sends, so that "nothing ticked" is an answer to a multiple-choice question.</summary>
    public const string AnsweredMarker = "answered";

    /// <summary>The published catalog in force and the bundle of <paramref name="code"/> in it (null when there is none).</summary>
    public static async Task<(ServiceCatalog Catalog, Bundle? Bundle)> FindBundleAsync(
        PublishedCatalogs catalogs, OneGoDb db, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(catalogs);
        var (_, catalog) = await catalogs.CurrentAsync(db, cancellationToken);
        return (catalog, catalog.BundlesByCode.GetValueOrDefault(code));
    }

    /// <summary>Today in the service's time zone: the acceptance date a consultation assumes.</summary>
    public static DateOnly Today(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DateOnly.FromDateTime(time.GetLocalNow().DateTime);
    }

    /// <summary>
    /// The plan for an anonymous applicant: public guidance knows nobody's shared data or e-licenses, so only
    /// exemptions by a result of the bundle itself apply.
    /// </summary>
    public static PlanOutcome Resolve(ServiceCatalog catalog, Bundle bundle, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, DateOnly acceptance) =>
        Planner.Resolve(catalog, bundle, answers, ApplicantProfile.Anonymous, acceptance);

    /// <summary>
    /// The answers of a submitted GET form: each question's non-empty values. Once the form was submitted, an
    /// unticked multiple-choice question counts as answered with nothing chosen.
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> FromQuery(Bundle bundle, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(query);
        var submitted = query.ContainsKey(AnsweredMarker);
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var question in bundle.Questions)
        {
            var values = query[question.Id].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
            if (values.Count > 0 || (question.Multiple && submitted))
            {
                answers[question.Id] = values;
            }
        }
        return answers;
    }

    /// <summary>Whether a GET form was submitted (as opposed to a first visit of the consultation).</summary>
    public static bool IsSubmitted(Bundle bundle, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(query);
        return query.ContainsKey(AnsweredMarker) || bundle.Questions.Any(q => query.ContainsKey(q.Id));
    }

    /// <summary>
    /// A typical scenario for the guide: each question's default, else its first option that neither stops the
    /// bundle nor is unavailable under the earlier answers (a multiple-choice question chooses as few as it may).
    /// </summary>
    public static Dictionary<string, IReadOnlyList<string>> TypicalAnswers(ServiceCatalog catalog, Bundle bundle, DateOnly acceptance)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var question in bundle.Questions)
        {
            var candidates = new List<IReadOnlyList<string>>();
            if (question.Default is not null)
            {
                candidates.Add([question.Default]);
            }
            if (question.Multiple && question.MinChoices == 0)
            {
                candidates.Add([]);
            }
            var open = question.Options.Where(o => o.Stop is null).Select(o => o.Code).ToList();
            candidates.AddRange(open.Select(code => (IReadOnlyList<string>)[code]));
            if (question.Multiple && question.MinChoices > 1)
            {
                candidates.Add(open.Take(question.MinChoices).ToList());
            }
            foreach (var candidate in candidates)
            {
                answers[question.Id] = candidate;
                var outcome = Resolve(catalog, bundle, answers, acceptance);
                if (!outcome.Problems.Any(p => p.QuestionId == question.Id))
                {
                    break;
                }
            }
        }
        return answers;
    }
}
