using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using OneGo.Domain.Cases;
using OneGo.Web.Features.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Components;

/// <summary>
/// The base of the signed-in pages. Each action runs in a service scope of its own (one DbContext per action, never
/// one per circuit), so what a page shows is read fresh after every change; the domain's and the API's errors are
/// shown as the same Chinese messages the API returns.
/// </summary>
public abstract class OneGoComponent : ComponentBase, IDisposable
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] protected IServiceScopeFactory Scopes { get; set; } = default!;

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    protected CurrentUser User { get; private set; } = new(string.Empty, string.Empty, new HashSet<string>(), null, null, null);

    /// <summary>The message of the last failed action (shown in an alert), or null.</summary>
    protected string? Error { get; set; }

    /// <summary>Itemised problems of the last failed action (one per field or material).</summary>
    protected IReadOnlyList<string> ErrorItems { get; set; } = [];

    /// <summary>The HTTP status the API would have answered for the last failure (404 for out-of-scope records).</summary>
    protected int? ErrorStatus { get; set; }

    /// <summary>The confirmation of the last successful action.</summary>
    protected string? Notice { get; set; }

    // Never disposed: a page can be left (and disposed) while one of its actions is still running, and that action's
    // release of the gate must not throw (an exception there would end the circuit of the page the person went to).
    private readonly SemaphoreSlim _gate = new(1, 1);

    private volatile bool _disposed;

    protected bool Busy { get; private set; }

    protected bool Loaded { get; private set; }

    /// <summary>
    /// Whether this page's first load has happened in this page view already: the prerendered pass hands it to the
    /// interactive one (persistent component state; <c>AllowUpdates</c> so that pages reached by enhanced navigation
    /// receive it too), so that opening a page is one audited view, not two.
    /// </summary>
    [PersistentState(AllowUpdates = true)]
    public bool FirstLoadDone { get; set; }

    /// <summary>True for the first load of a page view only: where a view of personal data is audited.</summary>
    protected bool IsFirstView => !Loaded && !FirstLoadDone;

    protected override async Task OnInitializedAsync()
    {
        if (AuthState is not null)
        {
            User = CurrentUser.From((await AuthState).User);
        }
        await RunAsync(_ => Task.CompletedTask);
        Loaded = true;
        FirstLoadDone = true;
    }

    /// <summary>Reads what the page shows; called once at start and after every successful action.</summary>
    protected virtual Task LoadAsync(IServiceProvider services) => Task.CompletedTask;

    /// <summary>Runs an action in its own scope; on success reloads the page's data and shows <paramref name="notice"/>.</summary>
    protected async Task<bool> RunAsync(Func<IServiceProvider, Task> action, string? notice = null)
    {
        // Actions queue rather than interleave (or get lost): an upload chosen while the Plan is being recomputed
        // runs right after it.
        await _gate.WaitAsync();
        Busy = true;
        Error = null;
        ErrorItems = [];
        ErrorStatus = null;
        Notice = null;
        try
        {
            await using (var scope = Scopes.CreateAsyncScope())
            {
                await action(scope.ServiceProvider);
            }
            if (_disposed)
            {
                // The person has gone on (a link that also marks something read, say): the action is done and saved,
                // there is no page left to refresh.
                return true;
            }
            await using (var reload = Scopes.CreateAsyncScope())
            {
                await LoadAsync(reload.ServiceProvider);
            }
            Notice = notice;
            return true;
        }
        catch (ProblemException e)
        {
            Error = e.Message;
            ErrorStatus = e.Status;
            ErrorItems = Itemise(e.Errors);
            return false;
        }
        catch (CaseRuleException e)
        {
            Error = e.Message;
            ErrorStatus = e.Kind == RuleKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            if (e.Kind == RuleKind.Conflict && !_disposed)
            {
                // Someone else acted first: show the case as it is now.
                await using var reload = Scopes.CreateAsyncScope();
                await LoadAsync(reload.ServiceProvider);
            }
            return false;
        }
        finally
        {
            Busy = false;
            _gate.Release();
        }
    }

    private static List<string> Itemise(object? errors) => errors switch
    {
        IEnumerable<FieldError> fields => [.. fields.Select(f => f.Message)],
        IEnumerable<string> texts => [.. texts],
        System.Collections.IEnumerable items => [.. items.Cast<object>().Select(i => i.GetType().GetProperty("Message")?.GetValue(i)?.ToString() ?? i.ToString() ?? string.Empty)],
        _ => [],
    };

    public void Dispose()
    {
        _disposed = true;
        GC.SuppressFinalize(this);
    }
}
