namespace JobHome.Cli.Tests.Support;

/// <summary>Small hand-made CSV inputs.</summary>
public static class SampleData
{
    public const string SeekerHeader = "id,name,birth_date,gender,education,occupations,skills,expected_pay_min,lat,lon,rural,availability,key_groups";
    public const string PostHeader = "id,employer,title,occupation,openings,pay_min,pay_max,lat,lon,kind,min_education,age_min,age_max,skills";

    /// <summary>A seeker row near Xinfeng county town (25.386, 114.922) with the given fields overridden.</summary>
    public static string Seeker(
        string id,
        string name = "张三",
        string birth = "1990-05-01",
        string gender = "M",
        string education = "senior",
        string occupations = "6-01-02",
        string skills = "焊工证",
        string pay = "3000",
        string lat = "25.386",
        string lon = "114.922",
        string rural = "1",
        string availability = "full_time",
        string keyGroups = "") =>
        string.Join(',', id, name, birth, gender, education, occupations, skills, pay, lat, lon, rural, availability, keyGroups);

    public static string Post(
        string id,
        string employer = "信丰电子有限公司",
        string title = "装配工",
        string occupation = "6-01-02",
        string openings = "1",
        string payMin = "3500",
        string payMax = "4500",
        string lat = "25.390",
        string lon = "114.930",
        string kind = "full_time",
        string minEducation = "junior",
        string ageMin = "18",
        string ageMax = "55",
        string skills = "") =>
        string.Join(',', id, employer, title, occupation, openings, payMin, payMax, lat, lon, kind, minEducation, ageMin, ageMax, skills);

    public static string Table(string header, params string[] rows) => header + "\n" + string.Join("\n", rows) + "\n";
}
