using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Work;
using JobHome.Grains.Employers;
using JobHome.Grains.People;
using JobHome.Grains.Posts;

namespace JobHome.Silo.Tests.Fixtures;

/// <summary>The employer and the welder the in-process matching tests build their markets from.</summary>
internal static class TestMarket
{
    /// <summary>The employer's 18-character code: the first 17 and the computed check character (GB 32100).</summary>
    public static readonly string Employer = UnifiedSocialCreditCode.Create("91360722000000017").Value;

    /// <summary>Registers <see cref="Employer"/> at <paramref name="siteCode"/> (25.4, 114.9); the registration must succeed.</summary>
    public static async Task RegisterEmployerAsync(IGrainFactory grains, string siteCode)
    {
        var profile = new EmployerProfile("测试公司", siteCode, 25.4, 114.9);
        var result = await grains.GetGrain<IEmployerGrain>(Employer).RegisterAsync(profile);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    /// <summary>A welder post of <see cref="Employer"/> at <paramref name="siteCode"/>, 6,000–7,000 a month, at (lat, 114.9).</summary>
    public static PostProfile WelderPost(string siteCode, string occupation, int openings, WorkKind kind = WorkKind.FullTime,
        double lat = 25.4) =>
        new(siteCode, Employer, "焊工", occupation, openings, 6000, 7000, lat, 114.9, kind) { Skills = ["焊接"] };

    /// <summary>
    /// An unemployed welder (since 2026-01-05) at <paramref name="siteCode"/>, born 1990-04-02, senior school, 5,000 a month
    /// expected, at (25.4, 114.9); <paramref name="serial"/> makes the ID-card number distinct.
    /// </summary>
    public static SeekerRegistration Welder(string siteCode, int serial, string occupation)
    {
        var birth = new DateOnly(1990, 4, 2);
        var idCard = IdCardNumber.Create("360722", birth, serial);
        return new SeekerRegistration(siteCode, "李明", idCard.RevealFullNumber(), birth, idCard.Gender, EducationLevel.Senior,
            LabourStatus.Unemployed, new DateOnly(2026, 1, 5))
        {
            Occupations = [occupation],
            Skills = ["焊接"],
            ExpectedPayMin = 5000m,
            Lat = 25.4,
            Lon = 114.9,
        };
    }

    /// <summary>Registers <paramref name="registration"/> as seeker <paramref name="id"/>; the registration must succeed.</summary>
    public static async Task RegisterAsync(IGrainFactory grains, string id, SeekerRegistration registration)
    {
        var registered = await grains.GetGrain<ISeekerGrain>(id).RegisterAsync(registration);
        Assert.True(registered.Succeeded, string.Join("; ", registered.Errors));
    }
}
