namespace OneGo.Web.Infrastructure;

/// <summary>
/// Background work that runs every <see cref="Seconds"/> on this node (0 or less: never), each run in a service scope
/// of its own; a failed run is logged and the next one tries again.
/// </summary>
public abstract partial class PeriodicJob(IServiceScopeFactory scopes, ILogger logger) : BackgroundService
{
    /// <summary>Seconds between runs, read once at start.</summary>
    protected abstract int Seconds { get; }

    /// <summary>What the log calls this job when a run fails.</summary>
    protected abstract string Name { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Seconds <= 0)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Seconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Failed(logger, Name, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Job} failed; retrying on the next run")]
    private static partial void Failed(ILogger logger, string job, Exception exception);
}
