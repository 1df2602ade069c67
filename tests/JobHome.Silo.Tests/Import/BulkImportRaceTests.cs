using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using JobHome.Domain.People;

namespace JobHome.Silo.Tests.Import;

/// <summary>
/// The bulk import against live registrations of the same ID number on a real silo: whatever the interleaving, the number
/// ends with exactly one seeker, and the other side gets a 409 (live) or a conflict reject (bulk) naming it; a number
/// looked up before its bulk claim is found afterwards (no activation keeps a stale "free").
/// </summary>
[Collection(BulkImportCollection.Name)]
public sealed class BulkImportRaceTests(BulkImportSiloFixture fixture)
{
    private const string Site = BulkImportSiloFixture.Province;

    private HttpClient Http => fixture.Http;

    [Fact]
    public async Task BulkAndLiveRegistration_SameNumberAtOnce_ExactlyOneSeekerAndTheOtherRefusedNamingIt()
    {
        const int Numbers = 40;
        // A site of its own: the count below is of this test's seekers only (the other tests share the silo).
        const string RaceSite = "360200";
        await fixture.AddCityAsync(RaceSite, "赣州市就业之家");
        var numbers = Enumerable.Range(1, Numbers)
            .Select(i => IdCardNumber.Create("369901", new DateOnly(1990, 1, 1), i).RevealFullNumber()).ToArray();
        using var start = new SemaphoreSlim(0);
        var live = numbers.Select(async n =>
        {
            await start.WaitAsync();
            return await Http.PostAsJsonAsync(new Uri("/api/seekers", UriKind.Relative), Seeker(n, RaceSite));
        }).ToArray();
        var bulk = numbers.Select(async (n, i) =>
        {
            await start.WaitAsync();
            return await Http.PostAsJsonAsync(new Uri("/api/import/bulk/seekers", UriKind.Relative),
                new[] { new { id = $"B{i:D3}", record = Seeker(n, RaceSite) } });
        }).ToArray();
        start.Release(2 * Numbers);

        var liveWins = 0;
        for (var i = 0; i < Numbers; i++)
        {
            using var liveAnswer = await live[i];
            using var bulkAnswer = await bulk[i];
            Assert.Equal(HttpStatusCode.OK, bulkAnswer.StatusCode);
            var item = (await bulkAnswer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
            var liveBody = await liveAnswer.Content.ReadFromJsonAsync<JsonElement>();
            string winner;
            if (liveAnswer.StatusCode == HttpStatusCode.Created)
            {
                winner = liveBody.GetProperty("id").GetString()!;
                Assert.Equal("rejected", item.GetProperty("outcome").GetString());
                Assert.Equal(winner, item.GetProperty("conflictingId").GetString());
                using var loser = await Http.GetAsync(new Uri($"/api/seekers/B{i:D3}", UriKind.Relative));
                Assert.Equal(HttpStatusCode.NotFound, loser.StatusCode);
                liveWins++;
            }
            else
            {
                Assert.True(liveAnswer.StatusCode == HttpStatusCode.Conflict, $"{(int)liveAnswer.StatusCode} {liveBody}");
                Assert.Equal("created", item.GetProperty("outcome").GetString());
                winner = $"B{i:D3}";
                Assert.Equal(winner, liveBody.GetProperty("conflictingId").GetString());
            }
            Assert.Equal([winner], await FindAsync(numbers[i]));
        }

        // The site counts exactly one seeker per number (its indicators settle on its own timer: poll with a deadline).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var unemployed = -1;
        while (unemployed != Numbers && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            var indicators = await Http.GetFromJsonAsync<JsonElement>(new Uri($"/api/indicators/{RaceSite}", UriKind.Relative));
            unemployed = indicators.GetProperty("unemployed").GetInt32();
            if (unemployed != Numbers)
            {
                await Task.Delay(200);
            }
        }
        Assert.Equal(Numbers, unemployed);
        Assert.InRange(liveWins, 0, Numbers);
    }

    [Fact]
    public async Task BulkSeeker_NumberLookedUpBefore_FoundAfterAndALiveRegistrationGets409NamingIt()
    {
        var number = IdCardNumber.Create("369902", new DateOnly(1988, 5, 6), 7).RevealFullNumber();
        // The lookup activates the number's registry grain while the number is free.
        Assert.Empty(await FindAsync(number));

        using var bulk = await Http.PostAsJsonAsync(new Uri("/api/import/bulk/seekers", UriKind.Relative),
            new[] { new { id = "BSTALE", record = Seeker(number) } });
        var item = (await bulk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        Assert.Equal("created", item.GetProperty("outcome").GetString());

        Assert.Equal(["BSTALE"], await FindAsync(number));
        using var live = await Http.PostAsJsonAsync(new Uri("/api/seekers", UriKind.Relative), Seeker(number));
        var body = await live.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(live.StatusCode == HttpStatusCode.Conflict, $"{(int)live.StatusCode} {body}");
        Assert.Equal("BSTALE", body.GetProperty("conflictingId").GetString());
    }

    [Fact]
    public async Task BulkSeeker_SentAgainWithANumberAnotherHolds_StaysAsStoredAndIsExisting()
    {
        var kept = IdCardNumber.Create("369903", new DateOnly(1991, 2, 3), 11).RevealFullNumber();
        var other = IdCardNumber.Create("369903", new DateOnly(1991, 2, 3), 12).RevealFullNumber();
        using var first = await Http.PostAsJsonAsync(new Uri("/api/import/bulk/seekers", UriKind.Relative),
            new[] { new { id = "BKEEP", record = Seeker(kept) } });
        Assert.Equal("created", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("outcome")
            .GetString());
        using var live = await Http.PostAsJsonAsync(new Uri("/api/seekers", UriKind.Relative), Seeker(other));
        Assert.Equal(HttpStatusCode.Created, live.StatusCode);
        var liveId = (await live.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        // The ledger row changed its number to one the live seeker holds: the stored record is left as it is.
        using var again = await Http.PostAsJsonAsync(new Uri("/api/import/bulk/seekers", UriKind.Relative),
            new[] { new { id = "BKEEP", record = Seeker(other) } });
        Assert.Equal("existing", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("outcome")
            .GetString());
        using var stored = await Http.GetAsync(new Uri("/api/seekers/BKEEP", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, stored.StatusCode);
        Assert.Equal(["BKEEP"], await FindAsync(kept));
        Assert.Equal([liveId!], await FindAsync(other));
    }

    [Fact]
    public async Task BulkSeeker_StoredAtOneSiteSentAgainForAnother_RejectedNamingTheSiteAndLeftWhereItIs()
    {
        await fixture.AddCityAsync("360100", "南昌市就业之家");
        var number = IdCardNumber.Create("369904", new DateOnly(1993, 4, 5), 3).RevealFullNumber();
        using var first = await Http.PostAsJsonAsync(new Uri("/api/import/bulk/seekers", UriKind.Relative),
            new[] { new { id = "BHOME", record = Seeker(number) } });
        Assert.Equal("created", (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("outcome")
            .GetString());

        var moved = Seeker(number, "360100");
        using var again = await Http.PostAsJsonAsync(new Uri("/api/import/bulk/seekers", UriKind.Relative),
            new[] { new { id = "BHOME", record = moved } });
        var item = (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        Assert.Equal("rejected", item.GetProperty("outcome").GetString());
        Assert.Contains("already stored at site 360000", item.ToString(), StringComparison.Ordinal);
        var stored = await Http.GetFromJsonAsync<JsonElement>(new Uri("/api/seekers/BHOME", UriKind.Relative));
        Assert.Equal(Site, stored.GetProperty("siteCode").GetString());
    }

    private async Task<string[]> FindAsync(string number)
    {
        using var response = await Http.PostAsJsonAsync(new Uri("/api/seekers/search", UriKind.Relative),
            new { siteCode = Site, q = number });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return [.. body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
    }

    private static object Seeker(string idNumber, string siteCode = Site) => BulkImportSiloFixture.Seeker(idNumber, siteCode: siteCode);
}
