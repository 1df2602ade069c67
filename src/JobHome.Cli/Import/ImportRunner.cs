using System.Collections.Concurrent;
using System.Diagnostics;
using JobHome.Cli.Console;
using JobHome.Cli.Http;
using JobHome.Domain.People;

namespace JobHome.Cli.Import;

/// <summary>
/// Bulk-loads a folder in the demo formats (sites, employers, seekers + people, households, posts) through the batch
/// endpoints, <paramref name="parallel"/> batches in flight (sites one batch at a time: parents first). Seekers, households
/// and posts go through the bulk endpoints (<c>/api/import/bulk/…</c>: a site's records written in one step) unless
/// <paramref name="perRecord"/> asks for the per-record endpoints (every record through its grain, with all live work). Records already
/// there are counted as existing, so a load can be run again after a failure. Rejected rows go to
/// <paramref name="rejects"/> as each batch's answer arrives, with file, line, column, value (personal data masked) and reason.
/// </summary>
internal sealed class ImportRunner(ApiClient api, string directory, int batchSize, int parallel, IPhaseProgress progress,
    ImportRejectsFile rejects, bool perRecord = false)
{
    /// <summary>Columns each file must have.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Required = new Dictionary<string, string[]>
    {
        ["sites.csv"] = ["code", "name", "kind", "parent_code", "lat", "lon", "rural"],
        ["employers.csv"] = ["id", "name", "credit_code", "site_code"],
        ["seekers.csv"] = ["id", "name", "birth_date", "gender", "education", "occupations", "skills", "expected_pay_min", "lat", "lon",
            "rural", "availability", "key_groups"],
        ["people.csv"] = ["seeker_id", "id_number", "phone", "status", "status_since"],
        ["households.csv"] = ["id", "site_code", "members"],
        ["posts.csv"] = ["id", "employer", "title", "occupation", "openings", "pay_min", "pay_max", "lat", "lon", "kind", "min_education",
            "age_min", "age_max", "skills"],
    };

    private readonly ConcurrentDictionary<string, long> _localRejects = new(StringComparer.Ordinal);

    /// <summary>What one file gave.</summary>
    public sealed record FileTotals(string File, long Rows, long Created, long Existing, long Rejected, TimeSpan Time);

    /// <summary>Checks that every file exists with its columns; throws <see cref="InvalidDataException"/> or <see cref="FileNotFoundException"/>.</summary>
    public static void CheckFiles(string directory)
    {
        foreach (var (file, columns) in Required)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"{file} is missing in {directory}", path);
            }
            using var table = ImportTable.Open(path, columns);
        }
    }

    /// <summary>Loads every file in order; returns the totals per file.</summary>
    public async Task<IReadOnlyList<FileTotals>> RunAsync(CancellationToken cancellationToken)
    {
        var totals = new List<FileTotals>();
        totals.Add(await LoadAsync("sites.csv", "api/import/sites", 1, SiteRows, cancellationToken));
        var employers = ReadEmployers();
        totals.Add(await LoadAsync("employers.csv", "api/import/employers", parallel, EmployerRows, cancellationToken));
        var seekerSites = ReadHouseholdSites();
        var people = ReadPeople();
        totals.Add(await LoadAsync("seekers.csv", RecordEndpoint("seekers"), parallel,
            table => SeekerRows(table, seekerSites, people), cancellationToken));
        seekerSites.Clear();
        people.Clear();
        totals.Add(await LoadAsync("households.csv", RecordEndpoint("households"), parallel, HouseholdRows, cancellationToken));
        totals.Add(await LoadAsync("posts.csv", RecordEndpoint("posts"), parallel, table => PostRows(table, employers), cancellationToken));
        return totals;
    }

    private string RecordEndpoint(string kind) => perRecord ? $"api/import/{kind}" : $"api/import/bulk/{kind}";

    private async Task<FileTotals> LoadAsync<T>(string file, string endpoint, int inFlight,
        Func<ImportTable, IEnumerable<(int Line, T Record)>> rows, CancellationToken cancellationToken)
        where T : class
    {
        var path = Path.Combine(directory, file);
        var total = ImportTable.CountRows(path);
        var clock = Stopwatch.StartNew();
        long done = 0, created = 0, existing = 0, rejected = 0;
        using var phase = progress.Start(file, total);
        using var table = ImportTable.Open(path, Required[file]);
        var batches = rows(table).Where(row => row.Record is not null).Chunk(batchSize);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (batch, ct) =>
            {
                BatchAnswer answer;
                try
                {
                    answer = await api.PostAsync<BatchAnswer>(endpoint, batch.Select(b => b.Record).ToArray(), ct).ConfigureAwait(false);
                }
                catch (ApiException e) when (IsBatchFailure(e))
                {
                    // One batch not answered (timed out, server error): its rows become rejects saying so, never a silent
                    // loss, and the import goes on; a re-run reports those that were stored meanwhile as existing.
                    rejects.Write([.. batch.Select(b => new ImportReject(file, b.Line, "(record)", string.Empty,
                        $"not confirmed: {e.Message}; run the import again (records stored meanwhile are reported existing) "
                        + "[import (批量导入)]"))]);
                    Interlocked.Add(ref rejected, batch.Length);
                    phase.Report(Interlocked.Add(ref done, batch.Length));
                    return;
                }
                var found = new List<ImportReject>();
                foreach (var item in answer.Items.Where(i => i.Outcome == "rejected"))
                {
                    var line = item.Index >= 0 && item.Index < batch.Length ? batch[item.Index].Line : 0;
                    found.AddRange(item.Errors.Select(error => ToReject(file, line, error, item.ConflictingId)));
                }
                if (found.Count > 0)
                {
                    rejects.Write(found);
                }
                Interlocked.Add(ref created, answer.Created);
                Interlocked.Add(ref existing, answer.Existing);
                Interlocked.Add(ref rejected, answer.Rejected);
                phase.Report(Interlocked.Add(ref done, batch.Length));
            }).ConfigureAwait(false);
        var locallyRejected = _localRejects.GetValueOrDefault(file);
        return new FileTotals(file, total, created, existing, rejected + locallyRejected, clock.Elapsed);
    }

    // A batch the server took but did not answer in time, or failed with a server error; a refused connection, a
    // refused sign-in or a refused request (4xx) stops the import instead: every later batch would meet it too.
    private static bool IsBatchFailure(ApiException e) =>
        e.Status >= 500 || (e.Status == 0 && e.InnerException is TaskCanceledException);

    private static ImportReject ToReject(string file, int line, BatchError error, string? conflicting)
    {
        var column = SnakeCase(error.Field);
        var value = column == "name" ? Masking.Name(error.Value) : error.Value;
        var reason = $"{error.Problem} [{error.Rule}]" + (conflicting is null ? string.Empty : $" (conflicting record {conflicting})");
        return new ImportReject(file, line, column, value, reason);
    }

    /// <summary><c>siteCode</c> → <c>site_code</c>; <c>memberIds[0]</c> → <c>members</c>; <c>employerCode</c> → <c>employer</c>.</summary>
    private static string SnakeCase(string field)
    {
        if (field.StartsWith("memberIds", StringComparison.Ordinal))
        {
            return "members";
        }
        if (field == "employerCode")
        {
            return "employer";
        }
        var text = new System.Text.StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsUpper(c))
            {
                text.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }
        return text.ToString();
    }

    /// <summary>Rows whose cells could not be read go to the rejects; the others are sent.</summary>
    private IEnumerable<(int Line, T Record)> Checked<T>(ImportTable table, Func<ImportTable.Row, T?> read)
        where T : class
    {
        while (table.Next() is { } row)
        {
            var record = read(row);
            if (row.Problems.Count > 0 || record is null)
            {
                _localRejects.AddOrUpdate(table.Name, 1, (_, n) => n + 1);
                rejects.Write([.. row.Problems]);
                continue;
            }
            yield return (row.Line, record);
        }
    }

    private IEnumerable<(int Line, SiteRecord Record)> SiteRows(ImportTable table) => Checked(table, row => new SiteRecord(
        row.Text("code"), row.Text("name"), row.Text("kind"), row.Optional("parent_code"),
        row.Number<double>("lat", "must be a number", "location (位置)"), row.Number<double>("lon", "must be a number", "location (位置)"),
        row.Flag("rural")));

    private IEnumerable<(int Line, EmployerRecord Record)> EmployerRows(ImportTable table) => Checked(table, row => new EmployerRecord(
        row.Text("credit_code"), row.Text("name"), row.Text("site_code"),
        row.Number<double>("lat", "must be a number", "location (位置)"), row.Number<double>("lon", "must be a number", "location (位置)")));

    private IEnumerable<(int Line, KeyedRecord<SeekerRecord> Record)> SeekerRows(ImportTable table, Dictionary<string, string> sites,
        Dictionary<string, string[]> people) => Checked(table, row =>
    {
        var id = row.Text("id");
        var person = people.GetValueOrDefault(id);
        var record = new SeekerRecord(sites.GetValueOrDefault(id), row.Text("name"), person?[0], person?[1], row.Text("birth_date"),
            row.Text("gender"), row.Text("education"), row.List("occupations"), row.List("skills"),
            row.Number<decimal>("expected_pay_min", "must be a number", "expected pay (期望月薪)"),
            row.Number<double>("lat", "must be a number", "home location (居住地)"),
            row.Number<double>("lon", "must be a number", "home location (居住地)"), row.Flag("rural"), row.List("availability"),
            row.List("key_groups"), person?[2], person?[3]);
        return new KeyedRecord<SeekerRecord>(id, record);
    });

    private IEnumerable<(int Line, KeyedRecord<HouseholdRecord> Record)> HouseholdRows(ImportTable table) => Checked(table, row =>
        new KeyedRecord<HouseholdRecord>(row.Text("id"), new HouseholdRecord(row.Text("site_code"), row.List("members"))));

    private IEnumerable<(int Line, KeyedRecord<PostRecord> Record)> PostRows(ImportTable table,
        Dictionary<string, (string CreditCode, string SiteCode)> employers) => Checked(table, row =>
    {
        // The demo's posts name the employer by its employers.csv id; a ledger may give the credit code (also a key here).
        var employer = row.Text("employer");
        var known = employers.TryGetValue(employer, out var found);
        var record = new PostRecord(known ? found.SiteCode : null, known ? found.CreditCode : employer, row.Text("title"),
            row.Text("occupation"), row.Number<int>("openings", "must be a whole number", "openings (招聘人数)"),
            row.Number<decimal>("pay_min", "must be a number", "offered pay (月薪)"),
            row.Number<decimal>("pay_max", "must be a number", "offered pay (月薪)"),
            row.Number<double>("lat", "must be a number", "workplace (工作地点)"),
            row.Number<double>("lon", "must be a number", "workplace (工作地点)"), row.Text("kind"), row.Optional("min_education"),
            row.Number<int>("age_min", "must be a whole number", "age limit (年龄要求)"),
            row.Number<int>("age_max", "must be a whole number", "age limit (年龄要求)"), row.List("skills"),
            row.Number<DateOnly>("opened", "must be a date written YYYY-MM-DD, or empty when not known", "opened (发布日期)"));
        return new KeyedRecord<PostRecord>(row.Text("id"), record);
    });

    private Dictionary<string, (string CreditCode, string SiteCode)> ReadEmployers()
    {
        var map = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        using var table = ImportTable.Open(Path.Combine(directory, "employers.csv"), Required["employers.csv"]);
        while (table.Next() is { } row)
        {
            var entry = (row.Text("credit_code"), row.Text("site_code"));
            map.TryAdd(row.Text("id"), entry);
            map.TryAdd(entry.Item1, entry);
        }
        return map;
    }

    private Dictionary<string, string> ReadHouseholdSites()
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        using var table = ImportTable.Open(Path.Combine(directory, "households.csv"), Required["households.csv"]);
        while (table.Next() is { } row)
        {
            var site = row.Text("site_code");
            foreach (var member in row.List("members"))
            {
                map.TryAdd(member, site);
            }
        }
        return map;
    }

    private Dictionary<string, string[]> ReadPeople()
    {
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        using var table = ImportTable.Open(Path.Combine(directory, "people.csv"), Required["people.csv"]);
        while (table.Next() is { } row)
        {
            map.TryAdd(row.Text("seeker_id"), [row.Text("id_number"), row.Text("phone"), row.Text("status"), row.Text("status_since")]);
        }
        return map;
    }
}
