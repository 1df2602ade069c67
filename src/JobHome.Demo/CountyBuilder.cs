using System.Globalization;
using JobHome.Domain.Employers;
using JobHome.Domain.Geography;
using JobHome.Domain.Occupations;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;
using static JobHome.Demo.DemoGenerator;

namespace JobHome.Demo;

/// <summary>
/// Builds one county of a demo province: its sites (hub, park, school, townships with their communities and villages),
/// the households and seekers registered at them, then employers and their posts. Every random draw comes from one
/// <see cref="DemoRandom"/> in a fixed order, so the same seed gives the same county.
/// </summary>
internal sealed class CountyBuilder(DemoRandom rng, int index, string cityCode, int density = 1)
{
    private static readonly int[] MajorGroupWeights = [2, 8, 6, 34, 14, 30, 1, 5];

    private readonly List<Site> _sites = [];
    private readonly List<Seeker> _seekers = [];
    private readonly List<Household> _households = [];
    private readonly List<Employer> _employers = [];
    private readonly List<Post> _posts = [];
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);
    private string _code = string.Empty;
    private string _idRegion = string.Empty;

    /// <summary>Draws the whole county; call once per builder.</summary>
    public DemoCounty Build()
    {
        var xinfeng = index == 0;
        _code = xinfeng ? XinfengCounty.Code : string.Create(CultureInfo.InvariantCulture, $"36K{index:0000}");
        _idRegion = xinfeng ? XinfengCounty.Code
            : string.Create(CultureInfo.InvariantCulture, $"36{(index % 90) + 10:00}{(index / 90 % 90) + 10:00}");
        var countyName = xinfeng ? XinfengCounty.Name : UniqueCountyName();
        var centre = xinfeng ? new GeoPoint(XinfengCounty.Lat, XinfengCounty.Lon) : RandomInJiangxi(rng);
        _sites.Add(new Site(_code, countyName + Site.NameSuffix, SiteKind.County, cityCode, centre, false, Staff(6, 12, 2, 6, 5, 20)));

        var townships = xinfeng ? XinfengCounty.Townships : SyntheticTownships();
        var hasPark = xinfeng || rng.Chance(0.8);
        var hasSchool = xinfeng || rng.Chance(0.6);
        if (hasPark)
        {
            var name = xinfeng ? XinfengCounty.HighTechZoneName : countyName + "工业园区就业之家";
            _sites.Add(new Site(_code + "P01", name, SiteKind.IndustrialPark, _code, Near(rng, centre, 0.05), false,
                Staff(1, 3, 1, 2, 0, 5)));
        }
        if (hasSchool)
        {
            var name = xinfeng ? XinfengCounty.SchoolName : countyName.TrimEnd('县') + "技工学校就业之家";
            _sites.Add(new Site(_code + "S01", name, SiteKind.School, _code, Near(rng, centre, 0.03), false, Staff(1, 3, 1, 2, 0, 5)));
        }
        for (var t = 0; t < townships.Count; t++)
        {
            AddTownship(townships[t], t, centre);
        }
        AddEmployersAndPosts();
        return new DemoCounty(index, _code, countyName, _sites, _seekers, _households, _employers, _posts);
    }

    private List<XinfengTownship> SyntheticTownships()
    {
        var count = rng.Between(10, 20);
        var list = new List<XinfengTownship> { new("城关镇", rng.Between(6, 15), rng.Between(0, 3)) };
        var names = new HashSet<string>(StringComparer.Ordinal) { "城关镇" };
        while (list.Count < count)
        {
            var name = DemoNames.Place(rng) + (rng.Chance(0.7) ? "镇" : "乡");
            if (names.Add(name))
            {
                list.Add(new XinfengTownship(name, rng.PickWeighted([4, 4, 2]), rng.Between(3, 20)));
            }
        }
        return list;
    }

    private string UniqueCountyName()
    {
        // Indexed stems keep county names distinct within a province; a clash with 信丰 is avoided explicitly.
        var name = DemoNames.PlaceByIndex(index) + "县";
        return name == XinfengCounty.Name ? "新" + name : name;
    }

    private void AddTownship(XinfengTownship row, int position, GeoPoint countyCentre)
    {
        var townCode = _code + string.Create(CultureInfo.InvariantCulture, $"{101 + position:000}");
        var urban = row.Villages == 0 || row.Name is "城关镇";
        var townCentre = urban ? Near(rng, countyCentre, 0.02) : Near(rng, countyCentre, 0.25);
        var township = new Site(townCode, row.Name + Site.NameSuffix, SiteKind.Township, _code, townCentre,
            !urban && row.Name.EndsWith('乡'), Staff(1, 3, 1, 3, 2, 8));
        _sites.Add(township);
        AddPeople(township, rng.Between(4, 10) * density);
        var stem = row.Name.Length > 2 ? row.Name[..^1] : row.Name;
        var town = new Town(townCode, townCentre, stem);
        for (var c = 0; c < row.Communities; c++)
        {
            AddLocalSite(town, SiteKind.Community, 1 + c);
        }
        for (var v = 0; v < row.Villages; v++)
        {
            AddLocalSite(town, SiteKind.Village, 201 + v);
        }
    }

    // A community (urban, close to the township seat) or a village (rural, further out) with its residents; the draws
    // are name, place, staff, then the number of seekers.
    private void AddLocalSite(Town town, SiteKind kind, int number)
    {
        var village = kind == SiteKind.Village;
        var name = UniqueName(town.Stem, village ? "村" : "社区");
        var code = town.Code + string.Create(CultureInfo.InvariantCulture, $"{number:000}");
        var place = Near(rng, town.Centre, village ? 0.06 : 0.02);
        var staff = village ? Staff(0, 1, 0, 2, 0, 5) : Staff(0, 2, 1, 2, 1, 5);
        var site = new Site(code, name + Site.NameSuffix, kind, town.Code, place, village, staff);
        _sites.Add(site);
        AddPeople(site, (village ? rng.Between(6, 16) : rng.Between(10, 25)) * density);
    }

    private string UniqueName(string townStem, string suffix)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var name = DemoNames.Place(rng) + suffix;
            if (_usedNames.Add(name))
            {
                return name;
            }
        }
        var numbered = townStem + string.Create(CultureInfo.InvariantCulture, $"第{_usedNames.Count + 1}") + suffix;
        _usedNames.Add(numbered);
        return numbered;
    }

    private StaffCounts Staff(int ftLo, int ftHi, int ptLo, int ptHi, int volLo, int volHi) =>
        new(rng.Between(ftLo, ftHi), rng.Between(ptLo, ptHi), rng.Between(volLo, volHi));

    private void AddPeople(Site site, int seekers)
    {
        var remaining = seekers;
        while (remaining > 0)
        {
            var size = Math.Min(remaining, rng.PickWeighted([30, 35, 25, 10]) + 1);
            remaining -= size;
            AddHousehold(site, size);
        }
    }

    private void AddHousehold(Site site, int size)
    {
        var zeroEmployment = rng.Chance(0.03);
        var householdId = string.Create(CultureInfo.InvariantCulture, $"H{_code}{_households.Count + 1:000000}");
        var home = Near(rng, site.Location, site.Rural ? 0.02 : 0.01);
        var members = new List<HouseholdMember>(size);
        for (var m = 0; m < size; m++)
        {
            // Outside zero-employment households the first member is employed (在职求职); the rest vary.
            var employed = !zeroEmployment && (m == 0 || rng.Chance(0.4));
            var seeker = NewSeeker(site, home, zeroEmployment, employed);
            _seekers.Add(seeker);
            members.Add(new HouseholdMember(seeker.Id, seeker.BirthDate, seeker.AbleToWork, seeker.WillingToWork, employed));
        }
        var registered = ReferenceDate.AddDays(-rng.Between(zeroEmployment ? 5 : 30, 400));
        _households.Add(new Household(householdId, site.Code, members, registered));
    }

    // A seeker is drawn in phases, always in this order (the order of the draws fixes the output of a seed):
    // age, identity, job intentions, key groups, availability, certificates, then the remaining fields.
    private Seeker NewSeeker(Site site, GeoPoint home, bool zeroEmploymentHousehold, bool employed)
    {
        var age = DrawAge(zeroEmploymentHousehold);
        var identity = DrawIdentity(site, age);
        var intentions = DrawIntentions();
        var groups = DrawKeyGroups(site, age, identity, employed, zeroEmploymentHousehold);
        var availability = DrawAvailability(site, age, groups);
        string[] certificates = rng.Chance(0.08) ? [rng.Pick(["电工证", "焊工证", "育婴员证", "养老护理员证", "健康证", "B2驾照"])] : [];
        return new Seeker
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"S{_code}{_seekers.Count + 1:000000}"),
            Name = DemoNames.Person(rng),
            IdCard = identity.IdCard,
            Phone = identity.Phone,
            BirthDate = identity.BirthDate,
            Gender = identity.Gender,
            Education = identity.Education,
            Skills = intentions.Skills,
            Certificates = certificates,
            Occupations = intentions.Occupations,
            ExpectedPayMin = RoundTo100(intentions.PayFloor * (0.9 + (rng.NextDouble() * 0.4))),
            Location = home,
            Rural = site.Rural,
            Availability = availability,
            AbleToWork = zeroEmploymentHousehold || (groups & KeyGroups.Disabled) == 0 || rng.Chance(0.7),
            WillingToWork = true,
            WantsTraining = rng.Chance(0.3),
            KeyGroups = groups,
        };
    }

    private int DrawAge(bool zeroEmploymentHousehold)
    {
        var age = rng.PickWeighted([12, 28, 26, 22, 12]) switch
        {
            0 => rng.Between(16, 22),
            1 => rng.Between(23, 32),
            2 => rng.Between(33, 42),
            3 => rng.Between(43, 52),
            _ => rng.Between(53, 64),
        };
        // Members of a zero-employment household are in the labour force by definition.
        return zeroEmploymentHousehold ? Math.Min(age, Household.WorkingAgeMax) : age;
    }

    private SeekerIdentity DrawIdentity(Site site, int age)
    {
        var birth = ReferenceDate.AddYears(-age - 1).AddDays(rng.Between(1, 364));
        var gender = rng.Chance(0.5) ? Gender.Male : Gender.Female;
        var education = Education(site.Rural, age);
        var sequence = (rng.Between(0, 498) * 2) + (gender == Gender.Male ? 1 : 2);
        var idCard = IdCardNumber.Create(_idRegion, birth, sequence);
        var phone = "1" + rng.Pick(["3", "5", "7", "8", "9"])
            + string.Create(CultureInfo.InvariantCulture, $"{rng.Between(0, 999_999_999):000000000}");
        return new SeekerIdentity(birth, gender, education, idCard, phone);
    }

    private SeekerIntentions DrawIntentions()
    {
        var occupations = new List<OccupationCode>();
        var skills = new List<string>();
        var wanted = rng.Between(1, 3);
        var payFloor = 0;
        for (var k = 0; k < wanted; k++)
        {
            var occupation = PickOccupation();
            if (!occupations.Contains(occupation.Code))
            {
                occupations.Add(occupation.Code);
                payFloor = Math.Max(payFloor, occupation.PayLow);
            }
            foreach (var skill in occupation.Skills)
            {
                if (rng.Chance(0.6) && !skills.Contains(skill))
                {
                    skills.Add(skill);
                }
            }
        }
        return new SeekerIntentions(occupations, skills, payFloor);
    }

    private KeyGroups DrawKeyGroups(Site site, int age, SeekerIdentity identity, bool employed, bool zeroEmploymentHousehold)
    {
        var groups = KeyGroups.None;
        if (!employed && rng.Chance(0.45))
        {
            groups |= KeyGroups.Unemployed;
            if (age <= 24 && rng.Chance(0.5))
            {
                groups |= KeyGroups.Youth16To24;
            }
        }
        if (site.Rural && rng.Chance(0.35))
        {
            groups |= KeyGroups.Migrant;
        }
        if (identity.Education.Rank() >= EducationLevel.College.Rank() && age <= 26 && !employed && rng.Chance(0.6))
        {
            groups |= KeyGroups.Graduate;
        }
        if (identity.Gender == Gender.Male && age >= 20 && rng.Chance(0.04))
        {
            groups |= KeyGroups.Veteran;
        }
        if (site.Rural && rng.Chance(0.08))
        {
            groups |= KeyGroups.PovertyAlleviated;
        }
        if (rng.Chance(0.02))
        {
            groups |= KeyGroups.Disabled;
        }
        if (rng.Chance(0.04))
        {
            groups |= KeyGroups.LowIncome;
        }
        if (zeroEmploymentHousehold)
        {
            groups |= KeyGroups.ZeroEmploymentHousehold | KeyGroups.Unemployed;
        }
        if (!employed && (groups & (KeyGroups.Disabled | KeyGroups.ZeroEmploymentHousehold | KeyGroups.LowIncome)) != 0 && rng.Chance(0.5))
        {
            groups |= KeyGroups.HardToEmploy;
        }
        return groups;
    }

    private WorkKind DrawAvailability(Site site, int age, KeyGroups groups)
    {
        var availability = WorkKind.FullTime;
        if (rng.Chance(0.25))
        {
            availability |= WorkKind.PartTime;
        }
        if (rng.Chance(site.Rural ? 0.35 : 0.2))
        {
            availability |= WorkKind.Gig;
        }
        if ((groups & KeyGroupTokens.PublicWelfareEligible) != 0 && rng.Chance(0.6))
        {
            availability |= WorkKind.PublicWelfare;
        }
        if (age >= 55 && rng.Chance(0.5))
        {
            availability &= ~WorkKind.FullTime;
            availability |= WorkKind.Gig;
        }
        return availability;
    }

    private EducationLevel Education(bool rural, int age)
    {
        int[] weights = rural ? [3, 14, 38, 14, 12, 11, 7, 1, 0] : [1, 5, 22, 18, 14, 18, 18, 3, 1];
        var level = (EducationLevel)rng.PickWeighted(weights);
        // Older cohorts had less schooling.
        if (age >= 50 && level.Rank() > EducationLevel.Senior.Rank() && rng.Chance(0.6))
        {
            level = EducationLevel.Junior;
        }
        return level;
    }

    private DemoOccupation PickOccupation() => rng.Pick(DemoOccupations.OfMajorGroup(rng.PickWeighted(MajorGroupWeights) + 1));

    private void AddEmployersAndPosts()
    {
        var anchors = _sites.Where(s => s.Kind is SiteKind.County or SiteKind.Township or SiteKind.IndustrialPark).ToList();
        var park = _sites.FirstOrDefault(s => s.Kind == SiteKind.IndustrialPark);
        var count = Math.Max(12, _sites.Count / 4) * density;
        for (var e = 0; e < count; e++)
        {
            var site = park is not null && rng.Chance(0.35) ? park : rng.Pick(anchors);
            var place = site.Name[..Math.Min(2, site.Name.Length)];
            var orgCode = new char[9];
            for (var k = 0; k < 9; k++)
            {
                orgCode[k] = k < 8 ? (char)('0' + rng.Next(10))
                    : UnifiedSocialCreditCode.Alphabet[rng.Next(UnifiedSocialCreditCode.Alphabet.Length)];
            }
            var regionDigits = char.IsAsciiDigit(_code[2]) ? _code : _idRegion;
            var credit = UnifiedSocialCreditCode.Create("91" + regionDigits + new string(orgCode));
            var employer = new Employer(string.Create(CultureInfo.InvariantCulture, $"E{_code}{e + 1:0000}"),
                DemoNames.Company(rng, place), credit, site.Code, Near(rng, site.Location, 0.02))
            {
                ContactPhone = "1" + rng.Pick(["3", "5", "8"])
                    + string.Create(CultureInfo.InvariantCulture, $"{rng.Between(0, 999_999_999):000000000}"),
            };
            _employers.Add(employer);
            var posts = rng.Between(1, 6);
            for (var p = 0; p < posts; p++)
            {
                AddPost(employer);
            }
        }
    }

    private void AddPost(Employer employer)
    {
        var n = _posts.Count;
        var kind = n < 8
            ? WorkKind.FullTime
            : rng.PickWeighted([70, 10, 12, 8]) switch
            {
                0 => WorkKind.FullTime,
                1 => WorkKind.PartTime,
                2 => WorkKind.Gig,
                _ => WorkKind.PublicWelfare,
            };
        // The first eight posts of every county cover the eight major groups in turn.
        var occ = n < 8 ? rng.Pick(DemoOccupations.OfMajorGroup(n + 1))
            : kind == WorkKind.PublicWelfare ? rng.Pick(DemoOccupations.PublicWelfare)
            : PickOccupation();
        var payMin = RoundTo100(occ.PayLow + (rng.NextDouble() * (occ.PayHigh - occ.PayLow) * 0.5));
        if (kind is WorkKind.PartTime or WorkKind.Gig)
        {
            payMin = RoundTo100(payMin * 0.6);
        }
        var payMax = payMin + (100 * rng.Between(3, 30));
        int? ageMin = null;
        int? ageMax = null;
        if (rng.Chance(0.5))
        {
            ageMin = rng.Chance(0.8) ? 18 : 16;
            ageMax = rng.Pick([35, 40, 45, 50, 55, 60]);
        }
        var skills = occ.Skills.Where(_ => rng.Chance(0.5)).ToList();
        _posts.Add(new Post
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"P{_code}{n + 1:000000}"),
            EmployerId = employer.Id,
            Title = occ.Title,
            Occupation = occ.Code,
            Openings = rng.PickWeighted([40, 30, 20, 10]) switch
            {
                0 => 1,
                1 => rng.Between(2, 3),
                2 => rng.Between(4, 10),
                _ => rng.Between(11, 30),
            },
            PayMin = payMin,
            PayMax = payMax,
            Location = employer.Location,
            Kind = kind,
            MinEducation = occ.MinEducation,
            AgeMin = ageMin,
            AgeMax = ageMax,
            RequiredSkills = skills,
            // From its own stream, so that adding the date left every other draw (and file) as it was.
            Opened = DemoGenerator.ReferenceDate.AddDays(
                -1 - (int)(new DemoRandom(DemoRandom.Derive(3_000_000UL + (ulong)index, (ulong)n)).NextUInt64() % OpenedWithinDays)),
        });
    }

    /// <summary>Posts opened on one of the days before the reference date, uniformly.</summary>
    public const int OpenedWithinDays = 270;

    private static int RoundTo100(double value) => (int)Math.Round(value / 100.0, MidpointRounding.AwayFromZero) * 100;
}
