using Microsoft.EntityFrameworkCore;
using OneGo.Web.Data;
using OneGo.Web.Infrastructure;

namespace OneGo.Web.Features.Files;

/// <summary>Configuration under <c>OneGo:Files</c>.</summary>
public sealed class FileOptions
{
    public const string Section = "OneGo:Files";

    /// <summary>Folder of the content-addressed store; empty: <c>{DataPath}/files</c>.</summary>
    public string? Path { get; set; }

    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
}

/// <summary>What the upload endpoint answers: the hash is the file's id.</summary>
public sealed record StoredFile(string Hash, long Size, string ContentType, string Name);

/// <summary>
/// Content-addressed file store: a file is stored once under its SM3 hash (<c>ab/cd/abcd…</c>); names given
/// by people are only displayed. Types are recognised by their content, not by the name.
/// </summary>
public sealed class FileStore(FileOptions options, StorageOptions storage)
{
    public string Root { get; } = System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(options.Path) ? System.IO.Path.Combine(storage.ResolveDataPath(), "files") : options.Path);

    public long MaxBytes => options.MaxBytes;

    public string PathOf(string hash) => System.IO.Path.Combine(Root, hash[..2], hash[2..4], hash);

    /// <summary>The type a file's first bytes show, or null when it is not one of the accepted kinds.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("%PDF-"u8)) return "application/pdf";
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return "image/jpeg";
        if (head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })) return "image/png";
        if (head.StartsWith("PK\u0003\u0004"u8)) return "application/ofd";
        return null;
    }

    /// <summary>A display name is acceptable when it is a plain name: no folders, no "..", no control characters.</summary>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "文件名不能为空";
        }
        if (name.Length > 120)
        {
            return "文件名不能超过 120 个字符";
        }
        if (name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal) || name.Contains(':'))
        {
            return "文件名不能包含路径（/、\\、:、..）";
        }
        if (name.Any(char.IsControl))
        {
            return "文件名不能包含控制字符";
        }
        return null;
    }

    /// <summary>Refuses a bad name, an empty file or one over the limit, before its bytes are read.</summary>
    public void CheckUpload(string? name, long length)
    {
        if (CheckName(name) is { } nameError)
        {
            throw ProblemException.BadRequest("file-name-invalid", nameError);
        }
        if (length == 0)
        {
            throw ProblemException.BadRequest("file-empty", "文件是空的");
        }
        if (length > MaxBytes)
        {
            throw new ProblemException(StatusCodes.Status413PayloadTooLarge, "file-too-large", $"文件不能超过 {MaxBytes / 1024 / 1024} MB（本文件 {length / 1024.0 / 1024.0:F1} MB）");
        }
    }

    /// <summary>
    /// Stores an uploaded file for this user (API and pages alike): the type is sniffed from the content, the bytes are
    /// kept under their SM3 hash, and one row per uploader records that this user may use the file in a case.
    /// </summary>
    public async Task<StoredFile> AcceptAsync(OneGoDb db, CurrentUser user, byte[] content, string name, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(content);
        CheckUpload(name, content.Length);
        var type = Sniff(content) ?? throw ProblemException.BadRequest("file-type", "只接受 PDF、JPEG、PNG 或 OFD 文件（按文件内容识别，不按扩展名）");
        var hash = await SaveAsync(content, cancellationToken);
        if (!await db.StoredFiles.AnyAsync(f => f.Hash == hash && f.UploadedBy == user.Id, cancellationToken))
        {
            db.StoredFiles.Add(new StoredFileRecord { Hash = hash, Size = content.Length, ContentType = type, UploadedBy = user.Id, UploadedAt = now });
            try
            {
                await using var write = await db.BeginWriteAsync(cancellationToken);
                await db.SaveChangesAsync(cancellationToken);
                await write.CommitAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same person uploaded the same file twice at the same moment: one row is enough.
                db.ChangeTracker.Clear();
            }
        }
        return new StoredFile(hash, content.Length, type, name);
    }

    /// <summary>Writes the bytes under their hash (atomically: temp file, then move) unless already stored.</summary>
    public async Task<string> SaveAsync(byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var hash = Sm3.Hex(content);
        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            await File.WriteAllBytesAsync(temp, content, cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        return hash;
    }
}

public static class FilesApi
{
    public static IServiceCollection AddFiles(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(FileOptions.Section).Get<FileOptions>() ?? new FileOptions();
        services.AddSingleton(options);
        services.AddSingleton<FileStore>();
        return services;
    }

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/files", Upload).WithTags("Files").AddEndpointFilter<ProblemFilter>()
            .RequireAuthorization(p => p.RequireRole(Roles.Applicant, Roles.Clerk, Roles.Assistant))
            .DisableAntiforgery()
            .Produces<StoredFile>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithSummary("上传一份材料文件（multipart/form-data，字段名 file；PDF、JPEG、PNG、OFD），返回其 SM3 哈希作为文件编号");
        return app;
    }

    private static async Task<IResult> Upload(HttpRequest request, FileStore store, OneGoDb db, TimeProvider time)
    {
        if (!request.HasFormContentType)
        {
            return Problems.BadRequest("multipart-required", "请以 multipart/form-data 上传，文件字段名为 file");
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return Problems.TooLarge("file-too-large", $"文件不能超过 {store.MaxBytes / 1024 / 1024} MB");
        }
        if (form.Files.Count != 1 || form.Files[0].Name != "file")
        {
            return Problems.BadRequest("file-required", "请上传一个文件，字段名为 file");
        }
        var file = form.Files[0];
        store.CheckUpload(file.FileName, file.Length);
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, request.HttpContext.RequestAborted);
        }
        var stored = await store.AcceptAsync(db, CurrentUser.From(request.HttpContext.User), content, file.FileName, time.GetUtcNow(), request.HttpContext.RequestAborted);
        return Results.Created($"/api/v1/files/{stored.Hash}", stored);
    }
}
