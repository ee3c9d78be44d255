using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>Real-name registration of an applicant: a person by ID number, or an enterprise by credit code with its agent.</summary>
    public sealed record RegisterRequest(string? UserName, string? Password, string? Name, string? IdNumber, string? CreditCode, string? Phone);

    public sealed record ApiKeyCreated(long Id, string Name, string Department, string Key, string Note);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Accounts");
        auth.MapPost("/login", Login).AllowAnonymous()
            .WithSummary("登录：useCookies=true 时写入登录 Cookie（页面使用），否则返回 Bearer 令牌（业务系统使用）");
        auth.MapPost("/register", Register).AllowAnonymous()
            .WithSummary("申请人实名注册：个人以公民身份号码和姓名（与人口库核验），企业以统一社会信用代码及经办人身份号码和姓名");
        auth.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.NoContent();
        }).RequireAuthorization().WithSummary("退出登录");
        // The pages' sign-out: a form post with the antiforgery token.
        app.MapPost("/logout", async (HttpContext context, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
        {
            await antiforgery.ValidateRequestAsync(context);
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.Redirect("/");
        }).ExcludeFromDescription();
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
        var result = await PasswordSignInAsync(signIn, db, time, request.UserName, request.Password);
        if (result.IsLockedOut)
        {
            return Problems.Create(StatusCodes.Status423Locked, "account-locked", "账号已锁定", LockedMessage);
        }
        if (!result.Succeeded)
        {
            return Problems.Create(StatusCodes.Status401Unauthorized, "login-failed", "登录失败", FailedMessage);
        }
        // The sign-in handler has written the cookie or the token response.
        return Results.Empty;
    }

    public const string LockedMessage = "连续登录失败次数过多，账号已锁定 15 分钟，请稍后再试或联系管理员";

    public const string FailedMessage = "用户名或密码错误";

    /// <summary>Password sign-in with lock-out, audited; the sign-in manager's scheme decides cookie or token.</summary>
    public static async Task<SignInResult> PasswordSignInAsync(SignInManager<AppUser> signIn, OneGoDb db, TimeProvider time, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var name = userName.Trim();
        var result = await signIn.PasswordSignInAsync(name, password, isPersistent: false, lockoutOnFailure: true);
        var user = await signIn.UserManager.FindByNameAsync(name);
        var outcome = result.Succeeded ? "成功" : result.IsLockedOut ? "账号已锁定" : "失败";
        await AuditLog.AppendAloneAsync(db, new AuditItem(user?.Id ?? "unknown", "anonymous", "login", "account:" + name, outcome), time.GetUtcNow());
        return result;
    }

    private static async Task<IResult> Register(RegisterRequest request, UserManager<AppUser> users, OneGoDb db, TimeProvider time)
    {
        var errors = new List<Cases.FieldError>();
        var userName = request.UserName?.Trim() ?? string.Empty;
        if (!System.Text.RegularExpressions.Regex.IsMatch(userName, "^[A-Za-z0-9_.-]{3,32}$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(50)))
        {
            errors.Add(new Cases.FieldError("userName", "用户名应为 3 至 32 位字母、数字、下划线、点或连字符"));
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var idNumber = request.IdNumber?.Trim().ToUpperInvariant();
        if (!OneGo.Domain.Identifiers.ResidentIdNumber.TryParse(idNumber, today, out _, out var idError))
        {
            errors.Add(new Cases.FieldError("idNumber", $"公民身份号码无效：{idError}"));
        }
        var creditCode = request.CreditCode?.Trim().ToUpperInvariant();
        if (!string.IsNullOrEmpty(creditCode) && !OneGo.Domain.Identifiers.CreditCode.TryParse(creditCode, out _, out var codeError))
        {
            errors.Add(new Cases.FieldError("creditCode", $"统一社会信用代码无效：{codeError}"));
        }
        if (string.IsNullOrWhiteSpace(request.Password) || request.Password.Length < 8 || !request.Password.Any(char.IsDigit) || !request.Password.Any(char.IsLower)
            || !request.Password.Any(char.IsUpper) || request.Password.All(char.IsLetterOrDigit))
        {
            errors.Add(new Cases.FieldError("password", "密码至少 8 位，须包含大写字母、小写字母、数字和符号"));
        }
        if (errors.Count > 0)
        {
            return Problems.BadRequest("registration-invalid", "注册信息有误：" + string.Join("；", errors.Select(e => e.Message)), errors);
        }
        // Real-name check against the population register (and the enterprise register for an enterprise).
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.IdNumber == idNumber);
        if (person is null || person.Name != request.Name?.Trim())
        {
            return Problems.BadRequest("real-name-failed", "实名核验未通过：姓名与公民身份号码不一致，或人口基础信息库中没有此人");
        }
        EnterpriseRecord? enterprise = null;
        if (!string.IsNullOrEmpty(creditCode))
        {
            enterprise = await db.Enterprises.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == creditCode);
            if (enterprise is null)
            {
                return Problems.BadRequest("real-name-failed", "法人基础信息库中没有这个统一社会信用代码");
            }
        }
        var code = enterprise?.CreditCode ?? person.IdNumber;
        if (await users.Users.AnyAsync(u => u.UserName == userName || (enterprise == null ? u.IdNumber == code && u.CreditCode == null : u.CreditCode == code)))
        {
            return Problems.Conflict("already-registered", "用户名已被使用，或此身份已注册过账号");
        }
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = enterprise is null ? person.Name : $"{enterprise.Name}（经办人 {person.Name}）",
            IdNumber = person.IdNumber,
            CreditCode = enterprise?.CreditCode,
            PhoneNumber = request.Phone,
            LockoutEnabled = true,
        };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return Problems.BadRequest("registration-invalid", "注册未成功：" + string.Join("；", created.Errors.Select(e => e.Code)));
        }
        await users.AddToRoleAsync(user, Roles.Applicant);
        await AuditLog.AppendAloneAsync(db, new AuditItem(user.Id, Roles.Applicant, "account.register", "account:" + userName, "成功"), time.GetUtcNow());
        return Results.Created("/api/v1/auth/me", new Me(user.Id, userName, user.DisplayName, [Roles.Applicant], null));
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
