using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using OneGo.Web.Data;
using OneGo.Web.Features.Audit;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Accounts;

/// <summary>Login (cookie for the UI, bearer token for programs), the current account, and API keys for department systems.</summary>
public static class AuthApi
{
    public sealed record LoginRequest(string? UserName, string? Password, bool? UseCookies);

    public sealed record Me(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? Department);

    public sealed record ApiKeyRequest(string? Name, string? Department);

    public sealed record ApiKeyCreated(long Id, string Name, string Department, string Key, string Note);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        auth.MapPost("/login", Login).AllowAnonymous()
            .WithSummary("登录：useCookies=true 时写入登录 Cookie（页面使用），否则返回 Bearer 令牌（业务系统使用）");
        auth.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.NoContent();
        }).RequireAuthorization().WithSummary("退出登录");
        auth.MapGet("/me", async (HttpContext context, UserManager<AppUser> users) =>
        {
            var user = CurrentUser.From(context.User);
            var account = user.Id.StartsWith("apikey:", StringComparison.Ordinal) ? null : await users.FindByIdAsync(user.Id);
            return Results.Ok(new Me(user.Id, account?.UserName ?? user.Name, user.Name, [.. user.Roles], user.Department));
        }).RequireAuthorization().WithSummary("当前账号、角色和所属部门");

        app.MapPost("/api/v1/admin/api-keys", CreateApiKey).WithTags("Admin")
            .RequireAuthorization(p => p.RequireRole(Roles.Admin))
            .WithSummary("为部门业务系统创建 API 密钥（只显示一次）");
        return app;
    }

    private static async Task<IResult> Login(LoginRequest request, SignInManager<AppUser> signIn, OneGoDb db, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.BadRequest("credentials-required", "请输入用户名和密码");
        }
        signIn.AuthenticationScheme = request.UseCookies == true ? IdentityConstants.ApplicationScheme : IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.UserName.Trim(), request.Password, isPersistent: false, lockoutOnFailure: true);
        var user = await signIn.UserManager.FindByNameAsync(request.UserName.Trim());
        var outcome = result.Succeeded ? "成功" : result.IsLockedOut ? "账号已锁定" : "失败";
        await AuditLog.AppendAloneAsync(db, new AuditItem(user?.Id ?? "unknown", "anonymous", "login", "account:" + request.UserName.Trim(), outcome), time.GetUtcNow());
        if (result.IsLockedOut)
        {
            return Problems.Create(StatusCodes.Status423Locked, "account-locked", "账号已锁定", "连续登录失败次数过多，账号已锁定 15 分钟，请稍后再试或联系管理员");
        }
        if (!result.Succeeded)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, "login-failed", "登录失败", "用户名或密码错误");
        }
        // The sign-in handler has written the cookie or the token response.
        return Results.Empty;
    }

    private static async Task<IResult> CreateApiKey(ApiKeyRequest request, HttpContext context, OneGoDb db, Catalog.CatalogStore store, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Department))
        {
            return Problems.BadRequest("api-key-invalid", "请填写系统名称和所属部门编码");
        }
        if (!store.Catalog.DepartmentsByCode.ContainsKey(request.Department))
        {
            return Problems.BadRequest("department-not-found", $"没有编码为“{request.Department}”的部门");
        }
        var user = CurrentUser.From(context.User);
        var key = "og_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var record = new ApiKeyRecord
        {
            Name = request.Name.Trim(),
            DepartmentCode = request.Department,
            KeyHash = ApiKeyHandler.HashOf(key),
            Prefix = key[..8],
            CreatedAt = time.GetUtcNow(),
            CreatedBy = user.Id,
        };
        await using var transaction = await db.BeginWriteAsync();
        db.ApiKeys.Add(record);
        await db.SaveChangesAsync();
        await AuditLog.AppendAsync(db, [new AuditItem(user.Id, user.Role, "api-key.create", $"department:{record.DepartmentCode}", "成功")], time.GetUtcNow());
        await transaction.CommitAsync();
        return Results.Ok(new ApiKeyCreated(record.Id, record.Name, record.DepartmentCode, key, "密钥只显示这一次，请妥善保存；请求时放在 X-Api-Key 请求头中"));
    }
}
