using JobHome.Domain.People;
using JobHome.Domain.Posts;
using JobHome.Domain.Sites;
using JobHome.Domain.Validation;
using JobHome.Domain.Work;

namespace JobHome.Silo.Api;

/// <summary>
/// Reads the request fields the JSON binder cannot check (required values, tokens) and collects every problem, named as
/// in the request JSON; personal data (name, ID number, phone) is masked in the values it echoes.
/// </summary>
internal sealed class FieldChecks
{
    private const string RequiredProblem = "is required";
    private readonly List<FieldError> _errors = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>
    /// Adds the Domain's own errors for fields not already reported here, so a 400 lists every problem at once even when a
    /// token could not be read (the Domain stays the one place its rules are written).
    /// </summary>
    public void MergeDomain(ValidationResult domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var reported = _errors.Select(e => ApiResults.JsonName(e.Field)).ToHashSet(StringComparer.Ordinal);
        _errors.AddRange(domain.Errors.Where(e => !reported.Contains(ApiResults.JsonName(e.Field))));
    }

    /// <summary>Adds a problem.</summary>
    public void Add(string field, string value, string problem, string rule) => _errors.Add(new FieldError(field, value, problem, rule));

    /// <summary>A required text (blank counts as missing).</summary>
    public string Text(string field, string? value, string rule)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, string.Empty, RequiredProblem, rule);
            return string.Empty;
        }
        return value;
    }

    /// <summary>A required value of a struct type.</summary>
    public T Required<T>(string field, T? value, string rule)
        where T : struct
    {
        if (value is null)
        {
            Add(field, string.Empty, RequiredProblem, rule);
            return default;
        }
        return value.Value;
    }

    /// <summary>A gender token: <c>M</c> or <c>F</c>.</summary>
    public Gender GenderOf(string field, string? token) => token switch
    {
        "M" => Domain.People.Gender.Male,
        "F" => Domain.People.Gender.Female,
        _ => Invalid(field, token, "must be M or F", "gender (性别)", Domain.People.Gender.Male),
    };

    /// <summary>An education token (<c>none</c> … <c>doctor</c>); null or empty gives <paramref name="missing"/> when allowed.</summary>
    public EducationLevel EducationOf(string field, string? token, EducationLevel? missing = null)
    {
        if (string.IsNullOrEmpty(token) && missing is { } fallback)
        {
            return fallback;
        }
        return EducationLevels.TryParse(token, out var level)
            ? level
            : Invalid(field, token, $"must be one of {string.Join(' ', EducationLevels.AllTokens)}", "education (学历)",
                EducationLevel.None);
    }

    /// <summary>A labour-status token.</summary>
    public LabourStatus StatusOf(string field, string? token) => token switch
    {
        "employed" => LabourStatus.Employed,
        "unemployed" => LabourStatus.Unemployed,
        "not_in_labour_force" => LabourStatus.NotInLabourForce,
        _ => Invalid(field, token, "must be employed, unemployed or not_in_labour_force", "labour status (就业状态)",
            LabourStatus.Unemployed),
    };

    /// <summary>A site-kind token.</summary>
    public SiteKind SiteKindOf(string field, string? token) =>
        SiteKinds.TryParse(token, out var kind)
            ? kind
            : Invalid(field, token, $"must be one of {string.Join(' ', SiteKinds.All.Select(row => row.Token))}",
                "site kind (层级或类型)",
                Domain.Sites.SiteKind.Village);

    /// <summary>Exactly one kind of work.</summary>
    public WorkKind WorkKindOf(string field, string? token) =>
        WorkKinds.TryParse(token, out var kind) && kind.IsSingle()
            ? kind
            : Invalid(field, token, $"must be exactly one of {WorkKinds.TokenList}", "kind of work (用工形式)",
                Domain.Work.WorkKind.FullTime);

    /// <summary>A list of kinds of work, at least one.</summary>
    public WorkKind WorkKindsOf(string field, string[]? tokens)
    {
        var kinds = Domain.Work.WorkKind.None;
        foreach (var token in tokens ?? [])
        {
            if (Domain.Work.WorkKinds.TryParse(token, out var kind))
            {
                kinds |= kind;
            }
            else
            {
                Add(field, token ?? string.Empty, $"is not one of {Domain.Work.WorkKinds.TokenList}",
                    "availability (可接受用工形式)");
            }
        }
        if (kinds == Domain.Work.WorkKind.None && (tokens is null || tokens.Length == 0))
        {
            Add(field, string.Empty, "needs at least one kind of work", "availability (可接受用工形式)");
        }
        return kinds;
    }

    /// <summary>A list of key-group tokens (may be empty).</summary>
    public KeyGroups KeyGroupsOf(string field, string[]? tokens)
    {
        var groups = Domain.People.KeyGroups.None;
        foreach (var token in tokens ?? [])
        {
            if (KeyGroupTokens.TryParse(token, out var flag))
            {
                groups |= flag;
            }
            else
            {
                Add(field, token ?? string.Empty, "is not a key group", "key groups (重点群体)");
            }
        }
        return groups;
    }

    /// <summary>A placement-end reason token; missing means <c>other</c>.</summary>
    public PlacementEndReason EndReasonOf(string field, string? token) => token switch
    {
        null or "" or "other" => PlacementEndReason.Other,
        "resigned" => PlacementEndReason.Resigned,
        "dismissed" => PlacementEndReason.Dismissed,
        "completed" => PlacementEndReason.Completed,
        _ => Invalid(field, token, "must be resigned, dismissed, completed or other", "end reason (离岗原因)",
            PlacementEndReason.Other),
    };

    private T Invalid<T>(string field, string? token, string problem, string rule, T fallback)
    {
        Add(field, token ?? string.Empty, token is null ? RequiredProblem : problem, rule);
        return fallback;
    }
}
