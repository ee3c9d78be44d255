using OneGo.Web.Features.Catalog;

namespace OneGo.Web.Tests.Catalog;

/// <summary>
/// A small, valid catalog as in-memory files. Each lint test breaks one thing and expects one error class.
/// </summary>
public sealed class MiniCatalog
{
    public static readonly DateOnly Today = new(2026, 6, 1);

    public Dictionary<string, string> Files { get; } = new()
    {
        ["region.yaml"] = """
            region:
              code: "360732"
              name: 兴国县
              fullName: 江西省赣州市兴国县
              hall: {name: 政务服务中心, address: 示例地址, hours: 工作日, phone: "0797-1"}
            sources:
              - {code: population, name: 人口基础信息库}
            checks:
              - {code: population.hukou, name: 户籍信息核验, source: population}
            facts:
              - {name: age, label: 年龄, type: number}
            calendar:
              - year: 2026
                daysOff: [2026-10-01..2026-10-07]
                workdays: [2026-10-10]
            """,
        ["departments.yaml"] = """
            departments:
              - {code: police, name: 兴国县公安局, creditCode: 11360732MB0001037D}
              - {code: health, name: 兴国县卫生健康委员会, creditCode: 11360732MB0001000L}
            """,
        ["dictionary.yaml"] = """
            sections:
              - {code: applicant, label: 申请人信息}
            fields:
              - {key: applicant.name, label: 姓名, type: text, prefill: population.name}
              - {key: applicant.idNumber, label: 公民身份号码, type: idNumber}
            materials:
              - {key: hukou-book, name: 居民户口簿, kind: certificate, source: government, check: population.hukou}
              - {key: birth-cert, name: 出生医学证明, kind: certificate, source: government, licenseType: 11100000MB00020006001}
            licenseTypes:
              - {code: 11100000MB00020006001, name: 出生医学证明, authority: 国家卫生健康委员会, holder: person}
            """,
        ["matters.yaml"] = """
            matters:
              - code: certificate
                name: 出生医学证明首次签发
                type: 公共服务
                department: health
                fields: [applicant.name]
                materials: []
                promised: 5工作日
                result: {name: 出生医学证明, kind: license, licenseType: 11100000MB00020006001}
              - code: registration
                name: 出生登记
                type: 行政确认
                department: police
                fields: [applicant.name, applicant.idNumber]
                materials:
                  - {key: birth-cert, necessity: required}
                  - {key: hukou-book, necessity: tolerable}
                promised: 10工作日
                result: {name: 户口簿, kind: document}
            """,
        ["bundles/b.yaml"] = """
            bundle:
              code: b
              name: 测试一件事
              category: personal
              theme: 出生
              leadDepartment: health
              promised: 5工作日
              questions:
                - id: where
                  text: 在哪里出生？
                  options:
                    - {code: here, label: 本省}
                    - {code: away, label: 外省, stop: 不适用}
                - id: card
                  text: 是否办证？
                  options:
                    - {code: "yes", label: 是}
                    - {code: "no", label: 否}
              matters:
                - matter: certificate
                - matter: registration
                  when: answers.card == 'yes'
              edges:
                - {from: certificate, to: registration, mode: strict}
            """,
    };

    public MiniCatalog Replace(string file, string oldText, string newText)
    {
        var text = Files[file];
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{oldText}' not found in {file}");
        }
        Files[file] = text.Replace(oldText, newText, StringComparison.Ordinal);
        return this;
    }

    public MiniCatalog Add(string file, string text)
    {
        Files[file] = text;
        return this;
    }

    public CatalogLoadResult Load() => CatalogLoader.LoadFiles(Files.Select(f => (f.Key, f.Value)), Today);
}
