using JobHome.Demo;
using JobHome.Domain.People;

namespace JobHome.Demo.Tests;

public sealed class DemoPeopleTests
{
    [Fact]
    public void Xinfeng_People_OnePerSeekerWithUniqueValidIdNumbers()
    {
        var county = DemoGenerator.Xinfeng();
        var people = DemoPeople.Of(county, 1);

        Assert.Equal(county.Seekers.Select(s => s.Id), people.Select(p => p.SeekerId));
        Assert.Equal(people.Count, people.Select(p => p.IdNumber).Distinct(StringComparer.Ordinal).Count());
        foreach (var (person, seeker) in people.Zip(county.Seekers))
        {
            Assert.True(IdCardNumber.TryParse(person.IdNumber, out var number, out var error), error?.ToString());
            Assert.Equal(seeker.BirthDate, number!.BirthDate);
            Assert.Equal(seeker.Gender, number.Gender);
        }
    }

    [Fact]
    public void Xinfeng_People_StatusFollowsTheHouseholdRuleAndDatesAreSane()
    {
        var county = DemoGenerator.Xinfeng();
        var members = county.Households.SelectMany(h => h.Members).ToDictionary(m => m.SeekerId);
        var people = DemoPeople.Of(county, 1);

        foreach (var (person, seeker) in people.Zip(county.Seekers))
        {
            Assert.Equal(Household.StatusOf(members[seeker.Id], DemoGenerator.ReferenceDate), person.Status);
            Assert.True(person.StatusSince <= DemoGenerator.ReferenceDate, person.SeekerId);
            Assert.True(person.StatusSince >= seeker.BirthDate.AddYears(16) || person.StatusSince == DemoGenerator.ReferenceDate,
                person.SeekerId);
        }
        // The spread crosses the three-month line, so "over 3 months" is not all or nothing on the reference date.
        var unemployed = people.Where(p => p.Status == LabourStatus.Unemployed).ToList();
        Assert.Contains(unemployed, p => p.StatusSince > DemoGenerator.ReferenceDate.AddMonths(-3));
        Assert.Contains(unemployed, p => p.StatusSince < DemoGenerator.ReferenceDate.AddMonths(-3));
    }

    [Fact]
    public void People_SameSeed_Identical()
    {
        var county = DemoGenerator.Xinfeng();
        Assert.Equal(DemoPeople.Of(county, 1), DemoPeople.Of(DemoGenerator.Xinfeng(), 1));
    }

    [Fact]
    public void Density_One_IsTheDefaultOutputAndThree_MultipliesPeople()
    {
        var plain = DemoGenerator.County(new DemoOptions(2), 1);
        var one = DemoGenerator.County(new DemoOptions(2) { Density = 1 }, 1);
        var three = DemoGenerator.County(new DemoOptions(2) { Density = 3 }, 1);

        // Records hold lists (compared by reference), so compare what identifies each draw.
        Assert.Equal(plain.Seekers.Select(Key), one.Seekers.Select(Key));
        Assert.Equal(plain.Posts.Select(p => (p.Id, p.Title, p.Openings, p.PayMin, p.Location)),
            one.Posts.Select(p => (p.Id, p.Title, p.Openings, p.PayMin, p.Location)));
        Assert.Equal(plain.Sites.Count, three.Sites.Count);
        Assert.InRange(three.Seekers.Count, plain.Seekers.Count * 2.5, plain.Seekers.Count * 3.5);
        Assert.Equal(plain.Employers.Count * 3, three.Employers.Count);
        Assert.Equal(three.Seekers.Count, DemoPeople.Of(three, 1).Select(p => p.IdNumber).Distinct(StringComparer.Ordinal).Count());
    }

    private static (string, string, string, DateOnly, decimal) Key(Seeker s) =>
        (s.Id, s.Name, s.IdCard!.RevealFullNumber(), s.BirthDate, s.ExpectedPayMin);

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Density_OutOfRange_Throws(int density) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => DemoGenerator.County(new DemoOptions(1) { Density = density }, 0));
}
