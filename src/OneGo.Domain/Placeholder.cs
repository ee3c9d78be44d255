namespace OneGo.Domain;

internal static class Placeholder;
