using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Tests.Api;

namespace OneGo.Web.Tests.Cases;

/// <summary>The hash-chained audit log detects every kind of tampering; each test tampers with a database of its own.</summary>
[Trait("Category", "Database")]
public sealed class AuditTamperTests
{
    private static async Task<OneGoFactory> WithHistoryAsync()
    {
        var factory = new OneGoFactory();
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var id = (await Newborn.SubmitAsync(applicant, maternity: "no"))["id"]!.GetValue<long>();
        await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept"));
        await using var scope = factory.Services.CreateAsyncScope();
        await AuditLog.SealAllAsync(scope.ServiceProvider.GetRequiredService<OneGoDb>());
        return factory;
    }

    private static async Task<AuditVerification> VerifyAsync(OneGoFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await AuditLog.VerifyAsync(scope.ServiceProvider.GetRequiredService<OneGoDb>());
    }

    private static async Task TamperAsync(OneGoFactory factory, Func<OneGoDb, Task> tamper)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await tamper(scope.ServiceProvider.GetRequiredService<OneGoDb>());
    }

    [Fact]
    public async Task An_intact_log_verifies_over_the_api_and_lists_every_state_change()
    {
        using var factory = await WithHistoryAsync();
        var admin = await ApiClient.LoginAsync(factory, "admin");
        var result = await admin.OkAsync(admin.GetAsync("/api/v1/admin/audit/verify"));
        Assert.True(result["intact"]!.GetValue<bool>());
        await using var scope = factory.Services.CreateAsyncScope();
        var actions = await scope.ServiceProvider.GetRequiredService<OneGoDb>().Audit.Select(a => a.Action).ToListAsync();
        Assert.Contains("login", actions);
        Assert.Contains("case.submitted", actions);
        Assert.Contains("case.accepted", actions);
        Assert.Equal(5, actions.Count(a => a == "case.taskReceived"));
    }

    [Fact]
    public async Task An_edited_entry_is_found()
    {
        using var factory = await WithHistoryAsync();
        await TamperAsync(factory, db => db.Database.ExecuteSqlRawAsync("UPDATE \"Audit\" SET \"Outcome\" = '失败' WHERE \"Seq\" = 3"));
        var result = await VerifyAsync(factory);
        Assert.False(result.Intact);
        Assert.Equal(3, result.BrokenAt);
        Assert.Contains("被修改", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_entry_in_the_middle_is_found()
    {
        using var factory = await WithHistoryAsync();
        await TamperAsync(factory, db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Audit\" WHERE \"Seq\" = 4"));
        var result = await VerifyAsync(factory);
        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenAt);
        Assert.Contains("缺失", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_last_entry_is_found()
    {
        using var factory = await WithHistoryAsync();
        await TamperAsync(factory, db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"Audit\" WHERE \"Seq\" = (SELECT MAX(\"Seq\") FROM \"Audit\")"));
        var result = await VerifyAsync(factory);
        Assert.False(result.Intact);
        Assert.Contains("末尾", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inserted_entry_is_found_even_with_a_recomputed_hash()
    {
        using var factory = await WithHistoryAsync();
        await TamperAsync(factory, async db =>
        {
            // A forger inserts an entry between 2 and 3 by renumbering: its own hash is right, the next link is not.
            var last = await db.Audit.MaxAsync(a => a.Seq);
            for (var seq = last; seq >= 3; seq--)
            {
                await db.Database.ExecuteSqlRawAsync("UPDATE \"Audit\" SET \"Seq\" = {0} WHERE \"Seq\" = {1}", seq + 1, seq);
            }
            var second = await db.Audit.AsNoTracking().SingleAsync(a => a.Seq == 2);
            var forged = new AuditEntry { Seq = 3, At = second.At, ActorId = "x", ActorRole = "admin", Action = "case.refused", Target = "case:1", Outcome = "成功", PreviousHash = second.Hash };
            forged.Hash = AuditLog.HashOf(forged);
            db.Audit.Add(forged);
            await db.SaveChangesAsync();
        });
        var result = await VerifyAsync(factory);
        Assert.False(result.Intact);
        Assert.Equal(4, result.BrokenAt);
    }
}

/// <summary>Publishing: catalog files become immutable numbered versions; a case keeps the version it was submitted under.</summary>
[Trait("Category", "Database")]
public sealed class PublishTests
{
    internal static string CopyCatalog()
    {
        var target = Path.Combine(Path.GetTempPath(), "onego-catalog-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(RepositoryCatalog.Directory, "*.yaml", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(RepositoryCatalog.Directory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    [Fact]
    public async Task A_publication_makes_a_new_version_and_existing_cases_keep_theirs()
    {
        var folder = CopyCatalog();
        try
        {
            using var factory = OneGoFactory.WithCatalog(folder);
            var admin = await ApiClient.LoginAsync(factory, "admin");
            var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
            var first = await Newborn.SubmitAsync(applicant, maternity: "no");
            Assert.Equal(1, first["catalogVersion"]!.GetValue<int>());
            Assert.Equal("5个工作日", first["promised"]!.GetValue<string>());

            var unchanged = await admin.OkAsync(admin.PostAsync("/api/v1/admin/catalog/publish"));
            Assert.False(unchanged["published"]!.GetValue<bool>());
            Assert.Equal(1, unchanged["version"]!.GetValue<int>());

            // The county shortens the newborn promise to 3 working days and publishes without a rebuild.
            var bundleFile = Path.Combine(folder, "bundles", "newborn.yaml");
            File.WriteAllText(bundleFile, File.ReadAllText(bundleFile).Replace("  promised: 5工作日", "  promised: 3工作日", StringComparison.Ordinal));
            var published = await admin.OkAsync(admin.PostAsync("/api/v1/admin/catalog/publish"));
            Assert.True(published["published"]!.GetValue<bool>(), published.ToJsonString());
            Assert.Equal(2, published["version"]!.GetValue<int>());

            var second = await Newborn.SubmitAsync(applicant, maternity: "no");
            Assert.Equal(2, second["catalogVersion"]!.GetValue<int>());
            Assert.Equal("3个工作日", second["promised"]!.GetValue<string>());
            var old = await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{first["id"]}"));
            Assert.Equal(1, old["catalogVersion"]!.GetValue<int>());
            Assert.Equal("5个工作日", old["promised"]!.GetValue<string>());

            // A catalog with errors is not published: the versions stay as they were.
            File.WriteAllText(bundleFile, File.ReadAllText(bundleFile).Replace("leadDepartment: xg-health", "leadDepartment: xg-nowhere", StringComparison.Ordinal));
            var (status, problem) = await admin.PostAsync("/api/v1/admin/catalog/publish");
            Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
            Assert.Equal("catalog-invalid", problem!["code"]!.GetValue<string>());
            Assert.Contains(problem["errors"]!.AsArray(), e => e!.GetValue<string>().Contains("xg-nowhere", StringComparison.Ordinal));
            var versions = await admin.OkAsync(admin.GetAsync("/api/v1/admin/catalog/versions"));
            Assert.Equal(2, versions.AsArray().Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

/// <summary>Accounts: repeated failed logins lock the account; the migrations match the model on both providers.</summary>
[Trait("Category", "Database")]
public sealed class AccountTests
{
    [Fact]
    public async Task Five_failed_logins_lock_the_account_even_against_the_right_password()
    {
        using var factory = new OneGoFactory();
        var client = factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsync("/api/v1/auth/login", System.Net.Http.Json.JsonContent.Create(new { userName = "lisi", password = "wrong-password" }));
            Assert.True(wrong.StatusCode is HttpStatusCode.Unauthorized or (HttpStatusCode)423, ((int)wrong.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        var locked = await client.PostAsync("/api/v1/auth/login", System.Net.Http.Json.JsonContent.Create(new { userName = "lisi", password = ApiClient.Password }));
        Assert.Equal((HttpStatusCode)423, locked.StatusCode);
        Assert.Contains("锁定", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var other = await client.PostAsync("/api/v1/auth/login", System.Net.Http.Json.JsonContent.Create(new { userName = "zhangsan", password = ApiClient.Password }));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public void Each_provider_has_migrations_for_the_whole_model()
    {
        using var sqlite = new SqliteDesignFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignFactory().CreateDbContext([]);
        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: run dotnet ef migrations add … --context SqliteOneGoDb");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: run dotnet ef migrations add … --context PostgresOneGoDb");
    }
}
