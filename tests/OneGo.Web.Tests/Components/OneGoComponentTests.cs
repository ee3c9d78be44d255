using Microsoft.Extensions.DependencyInjection;
using OneGo.Web.Components;

namespace OneGo.Web.Tests.Components;

public sealed class OneGoComponentTests
{
    /// <summary>
    /// A link that also marks a message read: the page is left (and disposed) while its action still runs. The action
    /// must finish and be kept, and nothing may throw, since an exception there ends the circuit of the next page.
    /// </summary>
    [Fact]
    public async Task An_action_still_running_when_the_page_is_left_completes_without_error_and_without_reloading()
    {
        var page = new Probe();
        var release = new TaskCompletionSource();
        var done = false;
        var running = page.Run(async _ =>
        {
            await release.Task;
            done = true;
        });

        page.Dispose();
        release.SetResult();

        Assert.True(await running);
        Assert.True(done);
        Assert.Equal(0, page.Loads);
    }

    [Fact]
    public async Task Actions_of_a_live_page_queue_and_each_reloads_what_it_shows()
    {
        var page = new Probe();
        var first = new TaskCompletionSource();
        var order = new List<string>();
        var one = page.Run(async _ =>
        {
            await first.Task;
            order.Add("first");
        });
        var two = page.Run(_ =>
        {
            order.Add("second");
            return Task.CompletedTask;
        });

        first.SetResult();
        Assert.True(await one);
        Assert.True(await two);
        Assert.Equal(["first", "second"], order);
        Assert.Equal(2, page.Loads);
    }

    private sealed class Probe : OneGoComponent
    {
        public Probe() => Scopes = new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();

        public int Loads { get; private set; }

        public Task<bool> Run(Func<IServiceProvider, Task> action) => RunAsync(action);

        protected override Task LoadAsync(IServiceProvider services)
        {
            Loads++;
            return Task.CompletedTask;
        }
    }
}
