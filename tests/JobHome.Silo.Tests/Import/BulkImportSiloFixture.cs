using System.Net.Http.Json;
using JobHome.Silo.Tests.Fixtures;

namespace JobHome.Silo.Tests.Import;

/// <summary>
/// One embedded silo for the bulk import's race and stale-activation tests, with the province site registered. The
/// tests use distinct ids and ID numbers, and a test that counts a site's records registers its own site under the
/// province, so they do not see each other's records.
/// </summary>
public sealed class BulkImportSiloFixture : IAsyncLifetime
{
    /// <summary>The province site every test may register records at.</summary>
    public const string Province = "360000";

    private readonly RunningSiloFixture _running = new();
    private HttpClient? _http;

    /// <summary>The running silo.</summary>
    internal SiloProcess Silo => _running.Silo;

    /// <summary>
    /// A signed-in client with a 60 s timeout: the race test puts 80 requests in flight at once, which on a loaded shared
    /// machine may take longer than the silo client's 10 s.
    /// </summary>
    public HttpClient Http => _http ?? throw new InvalidOperationException("The silo has not started.");

    /// <summary>A city site under the province, registered for a test that needs a site of its own.</summary>
    public async Task AddCityAsync(string code, string name)
    {
        var city = new { code, name, kind = "city", parentCode = Province, lat = 28.68, lon = 115.86, rural = false };
        (await Http.PostAsJsonAsync(new Uri("/api/import/sites", UriKind.Relative), new[] { city })).EnsureSuccessStatusCode();
    }

    /// <summary>A seeker registration body (unemployed since 2026-01-05) for the ID number at the site.</summary>
    public static object Seeker(string idNumber, string name = "李娜", string siteCode = Province) => new
    {
        siteCode, name, idNumber, birthDate = $"{idNumber[6..10]}-{idNumber[10..12]}-{idNumber[12..14]}",
        gender = (idNumber[16] - '0') % 2 == 1 ? "M" : "F", education = "vocational", occupations = new[] { "4-01" },
        skills = Array.Empty<string>(), expectedPayMin = 3000,
        lat = 28.6, lon = 115.9, rural = false, availability = new[] { "full_time" }, keyGroups = Array.Empty<string>(),
        status = "unemployed", statusSince = "2026-01-05",
    };

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        await _running.InitializeAsync();
        _http = new HttpClient { BaseAddress = Silo.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Authorization = Silo.Http.DefaultRequestHeaders.Authorization;
        var site = new
        {
            code = Province, name = "江西省就业之家", kind = "province", parentCode = (string?)null, lat = 28.68, lon = 115.86,
            rural = false,
        };
        (await Http.PostAsJsonAsync(new Uri("/api/import/sites", UriKind.Relative), new[] { site })).EnsureSuccessStatusCode();
    }

    /// <inheritdoc />
    public Task DisposeAsync()
    {
        _http?.Dispose();
        return _running.DisposeAsync();
    }
}
