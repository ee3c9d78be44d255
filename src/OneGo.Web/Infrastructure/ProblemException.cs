using OneGo.Domain.Cases;

namespace OneGo.Web.Infrastructure;

/// <summary>Stops a request with a problem-details answer; the API's endpoint filter turns it into the response.</summary>
public sealed class ProblemException(int status, string code, string detail, object? errors = null) : Exception(detail)
{
    public int Status { get; } = status;
    public string Code { get; } = code;
    public object? Errors { get; } = errors;

    public static ProblemException BadRequest(string code, string detail, object? errors = null) => new(StatusCodes.Status400BadRequest, code, detail, errors);

    public static ProblemException NotFound(string code, string detail) => new(StatusCodes.Status404NotFound, code, detail);

    public static ProblemException Forbidden(string code, string detail) => new(StatusCodes.Status403Forbidden, code, detail);
}

/// <summary>Maps <see cref="ProblemException"/> and broken case rules to problem details.</summary>
public sealed class ProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            return await next(context);
        }
        catch (ProblemException e)
        {
            return Problems.Create(e.Status, e.Code, Title(e.Status), e.Message, e.Errors);
        }
        catch (CaseRuleException e)
        {
            return e.Kind switch
            {
                RuleKind.Conflict => Problems.Conflict(e.Code, e.Message),
                RuleKind.Invalid => Problems.BadRequest(e.Code, e.Message),
            };
        }
    }

    private static string Title(int status) => status switch
    {
        400 => "请求有误",
        403 => "无权操作",
        404 => "未找到",
        409 => "状态冲突",
        413 => "文件过大",
        422 => "无法处理",
        _ => "错误",
    };
}
