using Microsoft.AspNetCore.Components.Forms;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Files;

/// <summary>A file chosen on a page (streamed over the circuit), stored exactly as the upload API stores it.</summary>
public static class BrowserUpload
{
    public static async Task<StoredFile> ReadAsync(IServiceProvider services, CurrentUser user, IBrowserFile file)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(file);
        var store = services.GetRequiredService<FileStore>();
        store.CheckUpload(file.Name, file.Size);
        using var buffer = new MemoryStream();
        await using (var stream = file.OpenReadStream(store.MaxBytes))
        {
            await stream.CopyToAsync(buffer);
        }
        return await store.AcceptAsync(services.GetRequiredService<OneGoDb>(), user, buffer.ToArray(), file.Name,
            services.GetRequiredService<TimeProvider>().GetUtcNow(), CancellationToken.None);
    }
}
