using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace OneGo.Web.Tests.Api;

/// <summary>The real application on the repository's catalog, with the clock fixed at 2026-09-24 09:00 (UTC+8).</summary>
public sealed class OneGoFactory : WebApplicationFactory<Program>
{
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 9, 24, 1, 0, 0, TimeSpan.Zero)) { };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("OneGo:Catalog:Path", RepositoryCatalog.Directory);
        Time.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Time));
    }
}
