using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using OneGo.Domain.Cases;
using OneGo.Domain.Ratings;

namespace OneGo.Web.Features.Ratings;

/// <summary>The EF mapping of ratings and rectifications; enums are stored as their names.</summary>
public static class RatingsModel
{
    public static void Configure(ModelBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Entity<Rating>(e =>
        {
            e.ToTable("Ratings");
            e.HasKey(r => r.Id);
            // One rating per case and one per matter, also when two requests race.
            e.HasIndex(r => new { r.CaseId, r.Subject }).IsUnique();
            e.HasIndex(r => r.RatedAt);
            e.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
            e.Property(r => r.Subject).HasMaxLength(32);
            e.Property(r => r.CaseNumber).HasMaxLength(32);
            e.Property(r => r.BundleCode).HasMaxLength(64);
            e.Property(r => r.MatterCode).HasMaxLength(64);
            e.Property(r => r.DepartmentCode).HasMaxLength(64);
            e.Property(r => r.Comment).HasMaxLength(Rating.MaxComment);
            e.Property(r => r.Level).HasConversion<string>().HasMaxLength(24);
            e.Property(r => r.Channel).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Scores).HasConversion(new ScoresConverter(), new ScoresComparer())
                .UsePropertyAccessMode(PropertyAccessMode.Property).HasMaxLength(400);
        });
        builder.Entity<Rectification>(e =>
        {
            e.ToTable("Rectifications");
            e.HasKey(r => r.Id);
            e.HasOne(r => r.Rating).WithMany().HasForeignKey(r => r.RatingId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(r => new { r.DepartmentCode, r.State });
            e.HasIndex(r => r.CaseId);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Property(r => r.DepartmentCode).HasMaxLength(64);
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.StateBeforeAppeal).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.FollowUpMethod).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Category).HasConversion<string>().HasMaxLength(16);
            e.Property(r => r.Appeal).HasConversion<string>().HasMaxLength(16);
        });
    }

    /// <summary>Indicator scores as a small JSON object of names: <c>{"Efficiency":"Satisfied",…}</c>.</summary>
    private sealed class ScoresConverter() : ValueConverter<IReadOnlyDictionary<RatingIndicator, RatingLevel>, string>(
        v => JsonSerializer.Serialize(v.ToDictionary(p => p.Key.ToString(), p => p.Value.ToString()), (JsonSerializerOptions?)null),
        s => Read(s))
    {
        private static Dictionary<RatingIndicator, RatingLevel> Read(string json) =>
            (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [])
                .ToDictionary(p => Enum.Parse<RatingIndicator>(p.Key), p => Enum.Parse<RatingLevel>(p.Value));
    }

    private sealed class ScoresComparer() : ValueComparer<IReadOnlyDictionary<RatingIndicator, RatingLevel>>(
        (a, b) => a!.Count == b!.Count && a.All(p => b.ContainsKey(p.Key) && b[p.Key] == p.Value),
        v => v.Aggregate(0, (hash, p) => hash ^ HashCode.Combine(p.Key, p.Value)),
        v => v.ToDictionary(p => p.Key, p => p.Value));
}
