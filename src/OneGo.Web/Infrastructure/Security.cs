using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneGo.Web.Data;

namespace OneGo.Web.Infrastructure;

/// <summary>The signed-in account as the features need it.</summary>
public sealed record CurrentUser(string Id, string Name, IReadOnlySet<string> Roles, string? Department, string? ApplicantCode, string? IdNumber)
{
    public const string DepartmentClaim = "onego:department";
    public const string ApplicantCodeClaim = "onego:applicant";
    public const string IdNumberClaim = "onego:idnumber";
    public const string DisplayNameClaim = "onego:name";

    public bool Is(string role) => Roles.Contains(role);

    /// <summary>The role shown on timelines and in the audit log: the most specific one held.</summary>
    public string Role => Data.Roles.All.FirstOrDefault(Roles.Contains) ?? "anonymous";

    public static CurrentUser From(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new CurrentUser(
            principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
            principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? string.Empty,
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindFirstValue(DepartmentClaim),
            principal.FindFirstValue(ApplicantCodeClaim),
            principal.FindFirstValue(IdNumberClaim));
    }
}

/// <summary>Adds the department, the applicant code and the display name to the principal, so no request has to look them up.</summary>
public sealed class OneGoClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        if (user.DepartmentCode is not null)
        {
            identity.AddClaim(new Claim(CurrentUser.DepartmentClaim, user.DepartmentCode));
        }
        if ((user.CreditCode ?? user.IdNumber) is { } code && await UserManager.IsInRoleAsync(user, Roles.Applicant))
        {
            identity.AddClaim(new Claim(CurrentUser.ApplicantCodeClaim, code));
        }
        if (user.IdNumber is not null)
        {
            identity.AddClaim(new Claim(CurrentUser.IdNumberClaim, user.IdNumber));
        }
        return identity;
    }
}

/// <summary>
/// <c>X-Api-Key</c> for a department's business system: the key's SHA-256 is looked up; the system acts as a
/// reviewer of its department.
/// </summary>
public sealed class ApiKeyHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrWhiteSpace(values[0]))
        {
            return AuthenticateResult.NoResult();
        }
        var db = Context.RequestServices.GetRequiredService<OneGoDb>();
        var hash = HashOf(values[0]!);
        var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.KeyHash == hash && k.RevokedAt == null, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("API key unknown or revoked");
        }
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, "apikey:" + key.Id),
            new Claim(ClaimTypes.Name, key.Name),
            new Claim(CurrentUser.DisplayNameClaim, key.Name),
            new Claim(ClaimTypes.Role, Roles.Reviewer),
            new Claim(CurrentUser.DepartmentClaim, key.DepartmentCode),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}

public static class SecurityExtensions
{
    public const string Scheme = "OneGo";

    public static IServiceCollection AddOneGoSecurity(this IServiceCollection services)
    {
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.Password.RequiredLength = 8;
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OneGoDb>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<OneGoClaimsFactory>()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Scheme;
                o.DefaultChallengeScheme = Scheme;
            })
            .AddPolicyScheme(Scheme, "OneGo", o => o.ForwardDefaultSelector = context =>
            {
                if (context.Request.Headers.ContainsKey(ApiKeyHandler.Header))
                {
                    return ApiKeyHandler.SchemeName;
                }
                var authorization = context.Request.Headers.Authorization.ToString();
                return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null)
            .AddIdentityCookies(cookies => cookies.ApplicationCookie?.Configure(o =>
            {
                o.Cookie.Name = "onego.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.AccessDeniedPath = "/denied";
                o.Events.OnRedirectToLogin = context => Reject(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => Reject(context, StatusCodes.Status403Forbidden);
            }));
        services.AddAuthorization();
        return services;
    }

    // The API answers 401/403 instead of redirecting to a login page.
    private static Task Reject(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
