using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using OneGo.Web.Features.Cases;
using OneGo.Web.Features.Files;

namespace OneGo.Web.Features.MyCases;

/// <summary>One case as its applicant follows it: what to do next, every department's progress, results and timeline.</summary>
public partial class MyCase
{
    private const string SupplementKey = CaseService.SupplementKey;

    [Parameter] public long Id { get; set; }

    [SupplyParameterFromQuery] public string? Saved { get; set; }

    private CaseDetail? _case;

    protected override async Task LoadAsync(IServiceProvider services) =>
        _case = await CasesApi.DetailAsync(services.GetRequiredService<CaseService>(), User, Id, CancellationToken.None);

    private string MaterialName(string key) =>
        _case?.Plan.TryGetProperty("materials", out var materials) == true
            ? materials.EnumerateArray().Where(m => m.GetProperty("key").GetString() == key).Select(m => m.GetProperty("name").GetString()).FirstOrDefault() ?? key
            : key;

    private Task SupplyAsync(long? taskId, string key, InputFileChangeEventArgs e) =>
        SupplyFileAsync(taskId, key, e.File);

    private async Task SupplyFileAsync(long? taskId, string key, IBrowserFile file) =>
        await RunAsync(async services =>
        {
            var stored = await BrowserUpload.ReadAsync(services, User, file);
            await services.GetRequiredService<CaseService>().SupplyAsync(User, Id, taskId, [new MaterialInput(key, stored.Hash, stored.Name)], CancellationToken.None);
        }, $"已补交 {file.Name}");
}
