using System.Globalization;
using System.Text.Json;
using OneGo.Domain.Cases;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Cases;

/// <summary>A material of an application: its key in the material dictionary and an uploaded file.</summary>
public sealed record MaterialInput(string Key, string File, string Name);

/// <summary>Who the clerk or assistant files for.</summary>
public sealed record ApplicantInput(ApplicantKind Kind, string Code, string? AgentIdNumber);

/// <summary>The body of create, update and resubmit, parsed strictly: wrong types are named, not guessed.</summary>
public sealed record ApplicationInput(
    string? Bundle,
    Dictionary<string, IReadOnlyList<string>> Answers,
    Dictionary<string, string> Form,
    List<MaterialInput> Materials,
    bool Submit,
    ApplicantInput? Applicant,
    string? Authorisation)
{
    public static ApplicationInput Parse(byte[] body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw ProblemException.BadRequest("malformed-json", "请求内容不是有效的 JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw ProblemException.BadRequest("malformed-json", "请求内容应为 JSON 对象");
            }
            var errors = new List<FieldError>();
            var known = new HashSet<string>(StringComparer.Ordinal) { "bundle", "answers", "form", "materials", "submit", "applicant", "authorisation" };
            foreach (var property in root.EnumerateObject().Where(p => !known.Contains(p.Name)))
            {
                errors.Add(new FieldError(property.Name, $"不认识的字段“{property.Name}”"));
            }

            string? bundle = null;
            if (root.TryGetProperty("bundle", out var b))
            {
                if (b.ValueKind == JsonValueKind.String) bundle = b.GetString();
                else errors.Add(new FieldError("bundle", "bundle 应为一件事编码（字符串）"));
            }

            var answers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            if (root.TryGetProperty("answers", out var a) && a.ValueKind != JsonValueKind.Null)
            {
                if (a.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new FieldError("answers", "answers 应为对象：{\"问题编码\": \"选项编码\"}"));
                }
                else
                {
                    foreach (var p in a.EnumerateObject())
                    {
                        if (p.Value.ValueKind == JsonValueKind.String)
                        {
                            answers[p.Name] = [p.Value.GetString()!];
                        }
                        else if (p.Value.ValueKind == JsonValueKind.Array && p.Value.EnumerateArray().All(i => i.ValueKind == JsonValueKind.String))
                        {
                            answers[p.Name] = p.Value.EnumerateArray().Select(i => i.GetString()!).ToList();
                        }
                        else
                        {
                            errors.Add(new FieldError("answers." + p.Name, $"问题 {p.Name} 的回答应为选项编码（字符串）或选项编码数组"));
                        }
                    }
                }
            }

            var form = new Dictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("form", out var f) && f.ValueKind != JsonValueKind.Null)
            {
                if (f.ValueKind != JsonValueKind.Object)
                {
                    errors.Add(new FieldError("form", "form 应为对象：{\"表单项\": \"值\"}"));
                }
                else
                {
                    foreach (var p in f.EnumerateObject())
                    {
                        switch (p.Value.ValueKind)
                        {
                            case JsonValueKind.String: form[p.Name] = p.Value.GetString()!; break;
                            case JsonValueKind.Number: form[p.Name] = p.Value.GetRawText(); break;
                            case JsonValueKind.True: form[p.Name] = "true"; break;
                            case JsonValueKind.False: form[p.Name] = "false"; break;
                            case JsonValueKind.Null: break;
                            default: errors.Add(new FieldError(p.Name, $"表单项 {p.Name} 的值应为文字、数字或 true/false")); break;
                        }
                    }
                }
            }

            var materials = new List<MaterialInput>();
            if (root.TryGetProperty("materials", out var m) && m.ValueKind != JsonValueKind.Null)
            {
                if (m.ValueKind != JsonValueKind.Array)
                {
                    errors.Add(new FieldError("materials", "materials 应为数组：[{\"key\": 材料编码, \"file\": 文件编号, \"name\": 文件名}]"));
                }
                else
                {
                    var index = 0;
                    foreach (var item in m.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object
                            && item.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String
                            && item.TryGetProperty("file", out var file) && file.ValueKind == JsonValueKind.String)
                        {
                            var name = item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : key.GetString()!;
                            materials.Add(new MaterialInput(key.GetString()!, file.GetString()!, name));
                        }
                        else
                        {
                            errors.Add(new FieldError($"materials[{index.ToString(CultureInfo.InvariantCulture)}]", "每份材料应为 {\"key\": 材料编码, \"file\": 文件编号, \"name\": 文件名}"));
                        }
                        index++;
                    }
                }
            }

            var submit = false;
            if (root.TryGetProperty("submit", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind is JsonValueKind.True or JsonValueKind.False) submit = s.GetBoolean();
                else errors.Add(new FieldError("submit", "submit 应为 true（提交）或 false（保存草稿）"));
            }

            ApplicantInput? applicant = null;
            if (root.TryGetProperty("applicant", out var ap) && ap.ValueKind != JsonValueKind.Null)
            {
                string? Text(string name) => ap.ValueKind == JsonValueKind.Object && ap.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                var id = Text("idNumber");
                var credit = Text("creditCode");
                if (ap.ValueKind != JsonValueKind.Object || (id is null) == (credit is null))
                {
                    errors.Add(new FieldError("applicant", "applicant 应为 {\"idNumber\": 公民身份号码} 或 {\"creditCode\": 统一社会信用代码, \"agentIdNumber\": 经办人身份号码}"));
                }
                else
                {
                    applicant = id is not null
                        ? new ApplicantInput(ApplicantKind.Person, id.Trim().ToUpperInvariant(), null)
                        : new ApplicantInput(ApplicantKind.Enterprise, credit!.Trim().ToUpperInvariant(), Text("agentIdNumber")?.Trim().ToUpperInvariant());
                }
            }

            string? authorisation = null;
            if (root.TryGetProperty("authorisation", out var au) && au.ValueKind != JsonValueKind.Null)
            {
                if (au.ValueKind == JsonValueKind.String) authorisation = au.GetString();
                else errors.Add(new FieldError("authorisation", "authorisation 应为授权说明（字符串）"));
            }

            if (errors.Count > 0)
            {
                throw ProblemException.BadRequest("invalid-request", string.Join("；", errors.Select(e => e.Message)), errors);
            }
            return new ApplicationInput(bundle, answers, form, materials, submit, applicant, authorisation);
        }
    }
}

/// <summary>One problem with a request, naming what it is about.</summary>
public sealed record FieldError(string Target, string Message);
