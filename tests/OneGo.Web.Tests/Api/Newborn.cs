using System.Text.Json.Nodes;
using OneGo.Web.Data;

namespace OneGo.Web.Tests.Api;

/// <summary>A complete, valid newborn application for the demo father 张三 (mother 李娟).</summary>
public static class Newborn
{
    public static Dictionary<string, string> Answers(string maternity = "yes") => new()
    {
        ["birthplace"] = "province",
        ["hukou"] = "father",
        ["ethnicity"] = "same",
        ["sscard"] = "yes",
        ["maternity"] = maternity,
    };

    public static Dictionary<string, string> Form(string maternity = "yes")
    {
        var form = BaseForm();
        if (maternity != "yes")
        {
            form.Remove("bank.accountName");
            form.Remove("bank.accountNumber");
            form.Remove("bank.name");
        }
        return form;
    }

    private static Dictionary<string, string> BaseForm() => new()
    {
        ["applicant.relation"] = "father",
        ["child.name"] = "张小明",
        ["child.gender"] = "male",
        ["child.birthDate"] = "2026-09-20",
        ["child.birthInstitution"] = "兴国县人民医院",
        ["child.birthWeight"] = "3400",
        ["child.ethnicity"] = "汉族",
        ["mother.name"] = "李娟",
        ["mother.idNumber"] = DemoSeed.LiJuan,
        ["father.name"] = "张三",
        ["father.idNumber"] = DemoSeed.ZhangSan,
        ["household.relation"] = "子",
        ["bank.accountName"] = "张三",
        ["bank.accountNumber"] = "6222020000000000",
        ["bank.name"] = "中国工商银行兴国支行",
        ["delivery.method"] = "pickup",
    };

    /// <summary>The materials 张三 must upload (identity, household and marriage are exempt; the tolerable two are left out).</summary>
    public static readonly string[] RequiredMaterials = ["birth-medical-record", "birth-certificate-notice", "first-dose-record", "medical-invoices", "bank-card"];

    public static async Task<List<object>> UploadAsync(ApiClient client, IEnumerable<string>? keys = null)
    {
        var materials = new List<object>();
        foreach (var key in keys ?? RequiredMaterials)
        {
            materials.Add(new { key, file = await client.UploadAsync(key + ".pdf"), name = key + ".pdf" });
        }
        return materials;
    }

    public static async Task<object> ApplicationAsync(ApiClient client, bool submit = true, string maternity = "yes") => new
    {
        bundle = "newborn",
        answers = Answers(maternity),
        form = Form(maternity),
        materials = await UploadAsync(client, maternity == "yes" ? RequiredMaterials : RequiredMaterials.Where(k => k != "medical-invoices" && k != "bank-card")),
        submit,
    };

    /// <summary>Submits a newborn case as 张三 and returns it.</summary>
    public static async Task<JsonNode> SubmitAsync(ApiClient applicant, string maternity = "yes") =>
        await applicant.OkAsync(applicant.PostAsync("/api/v1/cases", await ApplicationAsync(applicant, true, maternity)));

    public static JsonNode Task(JsonNode @case, string matter) =>
        @case["tasks"]!.AsArray().Single(t => t!["matter"]!.GetValue<string>() == matter)!;

    public static long TaskId(JsonNode @case, string matter) => Task(@case, matter)["id"]!.GetValue<long>();

    /// <summary>The result data the health department enters when it approves the 出生医学证明 (the license's fields).</summary>
    public static readonly Dictionary<string, object> BirthCertificateResults = new()
    {
        ["birth-medical-certificate"] = new { childName = "张小明", childGender = "男", birthDate = "2026-09-20", birthPlace = "兴国县人民医院", certificateNumber = "R360732000123" },
    };

    /// <summary>The departments of the newborn bundle, in an order that respects its prerequisites.</summary>
    public static readonly (string Matter, string Department)[] Decisions =
    [
        ("birth-medical-certificate", "xg-health"),
        ("vaccination-certificate", "xg-cdc"),
        ("birth-registration", "xg-police"),
        ("resident-medical-enrolment", "xg-medical-insurance"),
        ("social-security-card", "xg-hrss"),
        ("maternity-medical-benefit", "xg-medical-insurance"),
    ];

    /// <summary>Submits, accepts and approves every matter through the API: a completed newborn case of 张三.</summary>
    public static async Task<JsonNode> CompletedAsync(OneGoFactory factory, string maternity = "yes", Dictionary<string, string>? form = null,
        Dictionary<string, object>? results = null)
    {
        var applicant = await ApiClient.LoginAsync(factory, "zhangsan");
        var application = await ApplicationAsync(applicant, true, maternity);
        if (form is not null)
        {
            var fields = Form(maternity);
            foreach (var (key, value) in form)
            {
                fields[key] = value;
            }
            application = new { bundle = "newborn", answers = Answers(maternity), form = fields, materials = await UploadAsync(applicant, maternity == "yes" ? RequiredMaterials : RequiredMaterials.Where(k => k != "medical-invoices" && k != "bank-card")), submit = true };
        }
        var submitted = await applicant.OkAsync(applicant.PostAsync("/api/v1/cases", application));
        var id = submitted["id"]!.GetValue<long>();
        var clerk = await ApiClient.LoginAsync(factory, "window");
        var accepted = await clerk.OkAsync(clerk.PostAsync($"/api/v1/cases/{id}/accept", new { }));
        foreach (var (matter, department) in Decisions.Where(d => maternity == "yes" || d.Matter != "maternity-medical-benefit"))
        {
            var reviewer = await ApiClient.ReviewerAsync(factory, department);
            await reviewer.OkAsync(reviewer.PostAsync($"/api/v1/tasks/{TaskId(accepted, matter)}/approve", new { result = results?.GetValueOrDefault(matter) }));
        }
        return await applicant.OkAsync(applicant.GetAsync($"/api/v1/cases/{id}"));
    }
}
