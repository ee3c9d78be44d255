namespace OneGo.Domain.Cases;

/// <summary>
/// One file (or one result) standing for a material on a case. Files live in the content-addressed store
/// under <see cref="FileHash"/>; <see cref="FileName"/> is only shown, never used as a path.
/// </summary>
public sealed class CaseMaterial
{
    private CaseMaterial()
    {
        Key = Name = string.Empty;
    }

    public CaseMaterial(string key, string name, MaterialOrigin origin, DateTimeOffset at,
        string? fileHash = null, string? fileName = null, string? contentType = null, long size = 0, long? fromTaskId = null, string? note = null)
    {
        Key = key;
        Name = name;
        Origin = origin;
        AddedAt = at;
        FileHash = fileHash;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        FromTaskId = fromTaskId;
        Note = note;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    /// <summary>Material dictionary key, e.g. <c>resident-id-card</c>.</summary>
    public string Key { get; private set; }
    public string Name { get; private set; }
    public MaterialOrigin Origin { get; private set; }
    public string? FileHash { get; private set; }
    public string? FileName { get; private set; }
    public string? ContentType { get; private set; }
    public long Size { get; private set; }
    /// <summary>The task whose result this is, for results flowing between departments.</summary>
    public long? FromTaskId { get; private set; }
    public string? Note { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
}

/// <summary>One entry of a case's timeline (办件进程).</summary>
public sealed class CaseEvent
{
    private CaseEvent()
    {
        ActorId = ActorRole = ActorName = Text = string.Empty;
    }

    public CaseEvent(CaseEventKind kind, long? taskId, Actor actor, DateTimeOffset at, string text)
    {
        Kind = kind;
        TaskId = taskId;
        ActorId = actor.UserId;
        ActorRole = actor.Role;
        ActorName = actor.Name;
        At = at;
        Text = text;
    }

    public long Id { get; private set; }
    public long CaseId { get; private set; }
    public long? TaskId { get; private set; }
    public CaseEventKind Kind { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ActorId { get; private set; }
    public string ActorRole { get; private set; }
    public string ActorName { get; private set; }
    public string Text { get; private set; }
}
