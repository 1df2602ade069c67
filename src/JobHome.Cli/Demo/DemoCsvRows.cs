using JobHome.Demo;
using JobHome.Domain.Employers;
using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Work;

namespace JobHome.Cli.Demo;

/// <summary>Headers and cells of the demo CSV files; seekers and posts use the fair format's own headers exactly.</summary>
internal static class DemoCsvRows
{
    /// <summary>Header of <c>sites.csv</c>.</summary>
    public static readonly IReadOnlyList<string> SiteColumns = ["code", "name", "kind", "parent_code", "lat", "lon", "rural"];

    /// <summary>Header of <c>households.csv</c>.</summary>
    public static readonly IReadOnlyList<string> HouseholdColumns = ["id", "site_code", "members", "zero_employment", "registered_on"];

    /// <summary>Header of <c>employers.csv</c>.</summary>
    public static readonly IReadOnlyList<string> EmployerColumns = ["id", "name", "credit_code", "site_code", "lat", "lon"];

    /// <summary>Header of <c>people.csv</c>: the real-name facts the fair format leaves out.</summary>
    public static readonly IReadOnlyList<string> PeopleColumns = ["seeker_id", "id_number", "phone", "status", "status_since"];

    /// <summary>The cells of a person (synthetic ID-card number and phone: personal data in a real ledger).</summary>
    public static string[] Person(DemoPerson person) =>
        [person.SeekerId, person.IdNumber, person.Phone ?? string.Empty, person.StatusToken, CsvText.Date(person.StatusSince)];

    /// <summary>The cells of a site.</summary>
    public static string[] Site(Site site) =>
    [
        site.Code, site.Name, site.Kind.ToToken(), site.ParentCode ?? string.Empty, CsvText.Coordinate(site.Location.Lat),
        CsvText.Coordinate(site.Location.Lon), CsvText.Flag(site.Rural),
    ];

    /// <summary>
    /// The cells of a seeker in the fair format. The name column holds the synthetic name because seekers.csv is a fair
    /// input; the ID card and phone are never written.
    /// </summary>
    public static string[] Seeker(Seeker seeker) =>
    [
        seeker.Id, seeker.Name, CsvText.Date(seeker.BirthDate), seeker.Gender == Gender.Male ? "M" : "F", seeker.Education.ToToken(),
        CsvText.List(seeker.Occupations.Select(o => o.ToString())), CsvText.List(seeker.Skills.Concat(seeker.Certificates)),
        CsvText.Amount(seeker.ExpectedPayMin), CsvText.Coordinate(seeker.Location.Lat), CsvText.Coordinate(seeker.Location.Lon),
        CsvText.Flag(seeker.Rural), WorkKinds.Format(seeker.Availability), KeyGroupTokens.Format(seeker.KeyGroups),
    ];

    /// <summary>The cells of a household; zero-employment is judged on the demo's reference date.</summary>
    public static string[] Household(Household household) =>
    [
        household.Id, household.SiteCode, CsvText.List(household.Members.Select(m => m.SeekerId)),
        CsvText.Flag(household.IsZeroEmployment(DemoGenerator.ReferenceDate)), CsvText.Date(household.RegisteredOn),
    ];

    /// <summary>The cells of an employer.</summary>
    public static string[] Employer(Employer employer) =>
    [
        employer.Id, employer.Name, employer.CreditCode.Value, employer.SiteCode, CsvText.Coordinate(employer.Location.Lat),
        CsvText.Coordinate(employer.Location.Lon),
    ];

    /// <summary>The cells of a post in the fair format.</summary>
    public static string[] Post(Post post) =>
    [
        post.Id, post.EmployerId, post.Title, post.Occupation.ToString(), CsvText.Integer(post.Openings), CsvText.Amount(post.PayMin),
        CsvText.Amount(post.PayMax), CsvText.Coordinate(post.Location.Lat), CsvText.Coordinate(post.Location.Lon),
        WorkKinds.Format(post.Kind), post.MinEducation.ToToken(), CsvText.Integer(post.AgeMin), CsvText.Integer(post.AgeMax),
        CsvText.List(post.RequiredSkills), post.Opened is { } opened ? CsvText.Date(opened) : string.Empty,
    ];
}
