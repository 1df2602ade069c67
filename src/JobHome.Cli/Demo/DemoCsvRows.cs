using JobHome.Demo;
using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;

namespace JobHome.Cli.Demo;

/// <summary>Headers and rows of the demo CSV files (seekers and posts in the fair format exactly).</summary>
internal static class DemoCsvRows
{
    public const string SitesHeader = "code,name,kind,parent_code,lat,lon,rural";
    public const string SeekersHeader = "id,name,birth_date,gender,education,occupations,skills,expected_pay_min,lat,lon,rural,availability,key_groups";
    public const string HouseholdsHeader = "id,site_code,members,zero_employment,registered_on";
    public const string EmployersHeader = "id,name,credit_code,site_code,lat,lon";
    public const string PostsHeader = "id,employer,title,occupation,openings,pay_min,pay_max,lat,lon,kind,min_education,age_min,age_max,skills";

    public static string Site(Site s) => string.Join(',',
        Csv.Field(s.Code), Csv.Field(s.Name), s.Kind.ToToken(), Csv.Field(s.ParentCode), Csv.Coordinate(s.Location.Lat), Csv.Coordinate(s.Location.Lon), s.Rural ? "1" : "0");

    // The name column holds the synthetic name: seekers.csv is a fair input file. The ID card and phone are never written.
    public static string Seeker(Seeker s) => string.Join(',',
        Csv.Field(s.Id), Csv.Field(s.Name), Csv.Date(s.BirthDate), s.Gender == Gender.Male ? "M" : "F", s.Education.ToToken(),
        Csv.List(s.Occupations.Select(o => o.ToString())), Csv.List(s.Skills.Concat(s.Certificates)), Csv.Int(s.ExpectedMonthlyPay),
        Csv.Coordinate(s.Location.Lat), Csv.Coordinate(s.Location.Lon), s.Rural ? "1" : "0", WorkKinds.Format(s.Availability), KeyGroupTokens.Format(s.KeyGroups));

    public static string Household(Household h) => string.Join(',',
        Csv.Field(h.Id), Csv.Field(h.SiteCode), Csv.List(h.Members.Select(m => m.SeekerId)),
        h.IsZeroEmployment(DemoGenerator.ReferenceDate) ? "1" : "0", Csv.Date(h.RegisteredOn));

    public static string Employer(Employer e) => string.Join(',',
        Csv.Field(e.Id), Csv.Field(e.Name), e.CreditCode.Value, Csv.Field(e.SiteCode), Csv.Coordinate(e.Location.Lat), Csv.Coordinate(e.Location.Lon));

    public static string Post(Post p) => string.Join(',',
        Csv.Field(p.Id), Csv.Field(p.EmployerId), Csv.Field(p.Title), p.Occupation.ToString(), Csv.Int(p.Openings), Csv.Int(p.PayMin), Csv.Int(p.PayMax),
        Csv.Coordinate(p.Location.Lat), Csv.Coordinate(p.Location.Lon), WorkKinds.Format(p.Kind), p.MinEducation.ToToken(),
        p.AgeMin is { } lo ? Csv.Int(lo) : string.Empty, p.AgeMax is { } hi ? Csv.Int(hi) : string.Empty, Csv.List(p.RequiredSkills));
}
