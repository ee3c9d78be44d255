using OneGo.Domain.Supervision;

namespace OneGo.Web.Features.Supervision;

/// <summary>
/// <c>OneGo:Supervision</c>: when deadlines turn yellow, and how often this node sweeps for reminders and escalations.
/// Set <c>YellowRemainingWorkingDays</c> to empty to use only the percentage, or the percentage alone to add it.
/// </summary>
public sealed class SupervisionOptions
{
    public const string Section = "OneGo:Supervision";

    /// <summary>Yellow with at most this many working days left (default 1: the last working day before the deadline, and the deadline day).</summary>
    public int? YellowRemainingWorkingDays { get; set; } = 1;

    /// <summary>Yellow once this share of the working days is used (for example 80); off when empty.</summary>
    public int? YellowUsedPercent { get; set; }

    /// <summary>Seconds between sweeps of this node; 0 turns the background sweep off.</summary>
    public int SweepSeconds { get; set; } = 60;

    public WarningPolicy Policy => new(YellowRemainingWorkingDays, YellowUsedPercent);
}
