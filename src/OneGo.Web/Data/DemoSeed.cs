using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OneGo.Domain.Identifiers;
using OneGo.Domain.Planning;
using OneGo.Web.Features.Catalog;
using OneGo.Web.Features.Licenses;

namespace OneGo.Web.Data;

/// <summary>
/// The demo seed of the embedded default: an account for every role (one reviewer per department), a demo
/// population and enterprise register, and e-licenses held by demo people so that exemptions show.
/// Nothing here runs when <c>OneGo:Database:SeedDemo</c> is false.
/// </summary>
public static class DemoSeed
{
    /// <summary>The password of every demo account (README lists them). Never used outside the demo seed.</summary>
    public const string Password = "OneGo@2026";

    public static readonly string ZhangSan = PersonId(new DateOnly(1990, 5, 12), 101, male: true);
    public static readonly string LiJuan = PersonId(new DateOnly(1992, 8, 20), 202, male: false);
    public static readonly string LiSi = PersonId(new DateOnly(1988, 3, 3), 303, male: true);
    public static readonly string WangWu = PersonId(new DateOnly(1985, 11, 30), 405, male: true);
    public static readonly string Enterprise = CreditCodeOf("91360732MA3ABCDE1");

    public static string PersonId(DateOnly birth, int sequence, bool male)
    {
        var seq = sequence % 1000;
        if ((seq % 2 == 1) != male)
        {
            seq = (seq + 1) % 1000;
        }
        var first17 = "360732" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + seq.ToString("D3", CultureInfo.InvariantCulture);
        return first17 + ResidentIdNumber.ComputeCheckCharacter(first17);
    }

    public static string CreditCodeOf(string first17) => first17 + CreditCode.ComputeCheckCharacter(first17);

    public static async Task SeedAsync(IServiceProvider provider, OneGoDb db, ILogger logger, CancellationToken cancellationToken)
    {
        if (await db.People.AnyAsync(cancellationToken))
        {
            return;
        }
        db.People.AddRange(People());
        db.Enterprises.Add(new EnterpriseRecord
        {
            CreditCode = Enterprise,
            Name = "兴国县红星餐饮有限公司",
            EntityType = "有限责任公司（自然人投资或控股）",
            LegalRepresentative = "王五",
            Address = "江西省赣州市兴国县潋江镇将军大道 88 号（示例）",
        });
        var civil = "11360732MB00011852";
        var police = "11360732MB0001037D";
        var licenses = new[]
        {
            License("11100000MB0002026T001", "结婚证", ZhangSan, "张三", civil, "000001", new DateOnly(2018, 10, 1), null),
            License("11100000MB0002026T001", "结婚证", LiJuan, "李娟", civil, "000002", new DateOnly(2018, 10, 1), null),
            License("11100000MB0002013G001", "居民户口簿", ZhangSan, "张三", police, "000003", new DateOnly(2019, 3, 15), null),
            License("11100000MB0002013G002", "居民身份证", ZhangSan, "张三", police, "000004", new DateOnly(2016, 6, 1), new DateOnly(2036, 6, 1)),
        };
        var catalog = provider.GetRequiredService<CatalogStore>().Catalog;
        // Signed with the issuing departments' keys like any license issued here, so that verification says genuine.
        var issuer = provider.GetRequiredService<LicenseIssuer>();
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var license in licenses)
        {
            if (catalog.Departments.FirstOrDefault(d => d.CreditCode == license.IssuerCode) is { } department)
            {
                issuer.SignExisting(license, department, now);
            }
        }
        db.Licenses.AddRange(licenses);
        await db.SaveChangesAsync(cancellationToken);

        var users = provider.GetRequiredService<UserManager<AppUser>>();
        var accounts = new List<(AppUser User, string Role)>
        {
            (new AppUser { UserName = "zhangsan", DisplayName = "张三", IdNumber = ZhangSan, PhoneNumber = "13907970001" }, Roles.Applicant),
            (new AppUser { UserName = "lijuan", DisplayName = "李娟", IdNumber = LiJuan, PhoneNumber = "13907970002" }, Roles.Applicant),
            (new AppUser { UserName = "lisi", DisplayName = "李四", IdNumber = LiSi, PhoneNumber = "13907970003" }, Roles.Applicant),
            (new AppUser { UserName = "hongxing", DisplayName = "兴国县红星餐饮有限公司（经办人 王五）", CreditCode = Enterprise, IdNumber = WangWu, PhoneNumber = "13907970004" }, Roles.Applicant),
            (new AppUser { UserName = "window", DisplayName = "综窗 陈静" }, Roles.Clerk),
            (new AppUser { UserName = "assistant", DisplayName = "帮代办员 刘洋" }, Roles.Assistant),
            (new AppUser { UserName = "issuer", DisplayName = "出件窗口 周敏" }, Roles.Issuer),
            (new AppUser { UserName = "supervisor", DisplayName = "督办 吴强" }, Roles.Supervisor),
            (new AppUser { UserName = "admin", DisplayName = "行政审批局 管理员" }, Roles.Admin),
        };
        foreach (var department in catalog.Departments)
        {
            accounts.Add((new AppUser { UserName = "reviewer-" + department.Code, DisplayName = department.Name + "审批员", DepartmentCode = department.Code }, Roles.Reviewer));
            accounts.Add((new AppUser { UserName = "head-" + department.Code, DisplayName = department.Name + "负责人", DepartmentCode = department.Code }, Roles.Head));
        }
        // One hash of the demo password for every demo account (the password is public; hashing it a hundred times
        // would only slow the first start and every test database down).
        var hash = users.PasswordHasher.HashPassword(accounts[0].User, Password);
        foreach (var (user, role) in accounts)
        {
            user.LockoutEnabled = true;
            user.PasswordHash = hash;
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"演示账号 {user.UserName} 创建失败：{string.Join("；", created.Errors.Select(e => e.Description))}");
            }
            await users.AddToRoleAsync(user, role);
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Demo seed: {Accounts} accounts (password in README)", accounts.Count);
        }
    }

    /// <summary>Without the demo seed: an administrator with a generated password, printed once.</summary>
    public static async Task EnsureAdministratorAsync(IServiceProvider provider, ILogger logger)
    {
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        if ((await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }
        var password = "Og-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('/', '_').Replace('+', '-') + "1a";
        var admin = new AppUser { UserName = "admin", DisplayName = "管理员", LockoutEnabled = true };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("管理员账号创建失败：" + string.Join("；", created.Errors.Select(e => e.Description)));
        }
        await users.AddToRoleAsync(admin, Roles.Admin);
        // Shown once on the console of the first start; it is not stored anywhere else.
        logger.LogWarning("Created the administrator account 'admin' with the one-time password {Password} — change it after the first login", password);
    }

    private static LicenseRecord License(string type, string name, string holder, string holderName, string issuer, string serial, DateOnly issued, DateOnly? until) => new()
    {
        Identifier = LicenseIdentifier.Create(type, issuer, serial, 1).ToString(),
        TypeCode = type,
        Name = name,
        HolderCode = holder,
        HolderName = holderName,
        IssuerCode = issuer,
        IssuedOn = issued,
        ValidUntil = until,
        Status = LicenseStatus.Valid,
    };

    private static List<PersonRecord> People()
    {
        const string home = "江西省赣州市兴国县潋江镇红军路 16 号（示例）";
        var people = new List<PersonRecord>
        {
            new() { IdNumber = ZhangSan, Name = "张三", Phone = "13907970001", Address = home, HukouAddress = home, Householder = "张三", LocalHukou = true, Married = true },
            new() { IdNumber = LiJuan, Name = "李娟", Phone = "13907970002", Address = home, HukouAddress = home, Householder = "张三", LocalHukou = true, Married = true },
            new() { IdNumber = LiSi, Name = "李四", Phone = "13907970003", Address = "江西省赣州市章贡区（示例）", HukouAddress = "江西省赣州市章贡区（示例）", Householder = "李四", LocalHukou = false },
            new() { IdNumber = WangWu, Name = "王五", Phone = "13907970004", Address = "江西省赣州市兴国县潋江镇（示例）", HukouAddress = "江西省赣州市兴国县潋江镇（示例）", Householder = "王五", LocalHukou = true, Married = true },
        };
        string[] surnames = ["刘", "陈", "黄", "钟", "曾", "谢", "邱", "肖", "廖", "温", "罗", "胡"];
        string[] given = ["建华", "秀英", "志强", "桂兰", "海燕", "文斌", "丽萍", "春生", "小红", "国平"];
        string[] towns = ["潋江镇", "长冈乡", "埠头乡", "高兴镇", "杰村乡", "龙口镇", "鼎龙乡", "社富乡"];
        for (var i = 0; i < 60; i++)
        {
            var male = i % 2 == 0;
            var birth = new DateOnly(1950 + (i * 7 % 55), 1 + (i % 12), 1 + (i * 5 % 28));
            var address = $"江西省赣州市兴国县{towns[i % towns.Length]}{1 + i % 9}组（示例）";
            var name = surnames[i % surnames.Length] + given[(i * 3) % given.Length];
            people.Add(new PersonRecord
            {
                IdNumber = PersonId(birth, 500 + i, male),
                Name = name,
                Phone = "139" + (7970100 + i).ToString(CultureInfo.InvariantCulture).PadLeft(8, '0'),
                Address = address,
                HukouAddress = address,
                Householder = name,
                LocalHukou = i % 5 != 0,
                Married = i % 3 != 0,
            });
        }
        return people;
    }
}
