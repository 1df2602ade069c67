using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Matching;

namespace JobHome.Grains.Tests.Matching;

/// <summary>
/// <see cref="SeekerMatchRecord.SameEngineFeatures"/> decides whether a partition keeps a holder's engine record (and its kept
/// post query) across reads: it must see a change of every field the engine reads, and only those.
/// </summary>
public sealed class SeekerMatchRecordTests
{
    private static SeekerMatchRecord Sample() => new(
        "S-1", new DateOnly(1990, 5, 1), Gender.Female, EducationLevel.Senior, ["4-01-01-00", "6-02-03-00"], ["welding", "forklift"],
        3500m, 25.9, 114.9, true, WorkKind.FullTime, KeyGroups.Graduate, [new PlacedWork("4-01-01-00", WorkKind.FullTime)]);

    [Fact]
    public void An_equal_record_with_fresh_arrays_is_the_same_engine_record()
    {
        var a = Sample();
        var b = a with { Occupations = [.. a.Occupations], Skills = [.. a.Skills], Placed = null };

        Assert.True(a.SameEngineFeatures(b));
        Assert.True(b.SameEngineFeatures(a));
    }

    [Fact]
    public void Every_field_but_the_placements_changes_the_engine_record()
    {
        var ctor = typeof(SeekerMatchRecord).GetConstructors().Single(c => c.GetParameters().Length > 1);
        var parameters = ctor.GetParameters();
        var sample = Sample();
        var values = parameters.Select(p => typeof(SeekerMatchRecord).GetProperty(p.Name!)!.GetValue(sample)).ToArray();
        Assert.Equal(13, parameters.Length);

        foreach (var (parameter, i) in parameters.Select((p, i) => (p, i)))
        {
            var changed = (object?[])values.Clone();
            changed[i] = Other(parameter.ParameterType, values[i]);
            var variant = (SeekerMatchRecord)ctor.Invoke(changed);

            var same = sample.SameEngineFeatures(variant);

            if (parameter.Name == nameof(SeekerMatchRecord.Placed))
            {
                Assert.True(same, "the placements are the re-ranker's history, passed apart: not part of the engine record");
            }
            else
            {
                Assert.False(same, $"a change of {parameter.Name} must change the engine record (compare it in SameEngineFeatures)");
            }
        }
    }

    // A value of the field's type unequal to the sample's.
    private static object Other(Type type, object? value) => value switch
    {
        string s => s + "-other",
        DateOnly d => d.AddDays(1),
        string[] a when type == typeof(string[]) => a.Length > 0 && a[0].Contains('-') ? (object)new[] { "2-02-01-00" } : new[] { "other" },
        decimal m => m + 1,
        double x => x + 0.25,
        bool b => !b,
        PlacedWork[] => new[] { new PlacedWork("6-02-03-00", WorkKind.PartTime) },
        null when type == typeof(PlacedWork[]) => new[] { new PlacedWork("6-02-03-00", WorkKind.PartTime) },
        Enum e => OtherEnum(e),
        _ => throw new InvalidOperationException($"no other value for {type}: add one for the new field"),
    };

    private static object OtherEnum(Enum value)
    {
        var other = Enum.GetValues(value.GetType()).Cast<Enum>().FirstOrDefault(v => !v.Equals(value));
        return other ?? throw new InvalidOperationException($"{value.GetType()} has a single value");
    }
}
