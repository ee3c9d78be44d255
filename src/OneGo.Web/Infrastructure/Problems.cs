namespace OneGo.Web.Infrastructure;

/// <summary>
/// RFC 9457 problem details with a Chinese <c>detail</c> for people and a stable <c>code</c> for machines.
/// </summary>
public static class Problems
{
    public static IResult Create(int status, string code, string title, string detail, object? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is not null)
        {
            extensions["errors"] = errors;
        }
        return Results.Problem(detail: detail, statusCode: status, title: title, type: $"https://onego.local/problems/{code}", extensions: extensions);
    }

    public static IResult NotFound(string code, string detail) => Create(StatusCodes.Status404NotFound, code, "未找到", detail);

    public static IResult BadRequest(string code, string detail, object? errors = null) => Create(StatusCodes.Status400BadRequest, code, "请求有误", detail, errors);

    public static IResult Conflict(string code, string detail) => Create(StatusCodes.Status409Conflict, code, "状态冲突", detail);

    public static IResult Forbidden(string code, string detail) => Create(StatusCodes.Status403Forbidden, code, "无权操作", detail);

    public static IResult Unprocessable(string code, string detail, object? errors = null) => Create(StatusCodes.Status422UnprocessableEntity, code, "无法处理", detail, errors);

    public static IResult TooLarge(string code, string detail) => Create(StatusCodes.Status413PayloadTooLarge, code, "文件过大", detail);
}
