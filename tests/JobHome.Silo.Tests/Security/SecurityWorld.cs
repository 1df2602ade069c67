using System.Globalization;
using System.Net;
using JobHome.Silo.Tests.Api;

namespace JobHome.Silo.Tests.Security;

/// <summary>
/// Two site trees (A: inside, B: outside) with a seeker, a placed seeker, a household, an employer, a post and a
/// placement in each village, and one account of every role bound inside tree A.
/// </summary>
internal sealed class SecurityWorld
{
    /// <summary>The roles in the order of the matrix strings.</summary>
    public static readonly string[] Roles = ["province", "city", "county", "township", "site", "fair_organiser", "auditor", "admin"];

    /// <summary>The password of every account the world creates.</summary>
    public const string Password = "matrix-password-1";

    private SecurityWorld(Side inside, Side outside, Dictionary<string, string> tokens, Dictionary<string, string> names,
        string victim)
    {
        Inside = inside;
        Outside = outside;
        Tokens = tokens;
        Names = names;
        Victim = victim;
    }

    /// <summary>Tree A: where every account is bound.</summary>
    public Side Inside { get; }

    /// <summary>Tree B: outside every account's subtree (except admin's).</summary>
    public Side Outside { get; }

    /// <summary>Bearer token per role.</summary>
    public Dictionary<string, string> Tokens { get; }

    /// <summary>Account name per role (<c>admin</c>: password <c>SiloProcess.AdminPassword</c>, others: <see cref="Password"/>).</summary>
    public Dictionary<string, string> Names { get; }

    /// <summary>An account the admin may disable and reset during the matrix.</summary>
    public string Victim { get; }

    /// <summary>Builds the world through the API as admin.</summary>
    public static async Task<SecurityWorld> CreateAsync(SecuredSiloFixture fixture)
    {
        var admin = new ApiDriver(fixture.Silo.Http);
        var inside = await Side.CreateAsync(admin);
        var outside = await Side.CreateAsync(admin);
        var n = ApiDriver.Next().ToString(CultureInfo.InvariantCulture);
        var tokens = new Dictionary<string, string>();
        var names = new Dictionary<string, string> { ["admin"] = "admin" };
        var bindings = new Dictionary<string, string>
        {
            ["province"] = inside.Tree.Province, ["city"] = inside.Tree.City, ["county"] = inside.Tree.County,
            ["township"] = inside.Tree.Township, ["site"] = inside.Tree.Village, ["fair_organiser"] = inside.Tree.County,
            ["auditor"] = inside.Tree.County,
        };
        foreach (var (role, site) in bindings)
        {
            var name = $"m{n}-{role.Replace('_', '-')}";
            await fixture.CreateUserAsync(name, Password, role, site);
            tokens[role] = await fixture.TokenAsync(name, Password);
            names[role] = name;
        }
        tokens["admin"] = fixture.Silo.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var victim = $"m{n}-victim";
        await fixture.CreateUserAsync(victim, Password, "site", inside.Tree.Village);
        return new SecurityWorld(inside, outside, tokens, names, victim);
    }

    /// <summary>One tree and its records.</summary>
    internal sealed record Side(SiteTree Tree, string Seeker, string PlacedSeeker, string Household, string Employer, string Post,
        string Placement)
    {
        /// <summary>Registers a tree and its records; asserts each write.</summary>
        public static async Task<Side> CreateAsync(ApiDriver api)
        {
            var tree = await api.CreateTreeAsync();
            var since = ApiDriver.Today.AddMonths(-1);
            var seeker = await api.RegisterSeekerAsync(tree.Village, "unemployed", since);
            var placed = await api.RegisterSeekerAsync(tree.Village, "unemployed", since);
            var (status, body, _) = await api.PostAsync("/api/households", new { siteCode = tree.Village, memberIds = new[] { seeker } });
            Assert.True(status == HttpStatusCode.Created, $"household: {status} {body}");
            var household = body!["id"]!.GetValue<string>();
            var employer = await api.RegisterEmployerAsync(tree.Village);
            var post = await api.OpenPostAsync(tree.Village, employer, 5);
            (status, body, _) = await api.PostAsync("/api/placements",
                new { seekerId = placed, postId = post, date = ApiDriver.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) });
            Assert.True(status == HttpStatusCode.Created, $"placement: {status} {body}");
            return new Side(tree, seeker, placed, household, employer, post, body!["id"]!.GetValue<string>());
        }
    }
}
