namespace OneGo.Web.Components;

/// <summary>One option of a select: the value sent and the Chinese label shown.</summary>
public sealed record Choice(string Value, string Label);
