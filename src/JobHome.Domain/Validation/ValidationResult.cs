namespace JobHome.Domain.Validation;

/// <summary>The outcome of validating an object: every field error at once, empty when valid.</summary>
public sealed class ValidationResult
{
    private readonly List<FieldError> _errors = [];

    /// <summary>A result with no errors.</summary>
    public static ValidationResult Valid => new();

    /// <summary>All field errors found, in the order the fields were checked.</summary>
    public IReadOnlyList<FieldError> Errors => _errors;

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => _errors.Count == 0;

    /// <summary>Adds an error; the value must already be masked if it is personal data.</summary>
    public ValidationResult Add(string field, string value, string problem, string rule)
    {
        _errors.Add(new FieldError(field, value, problem, rule));
        return this;
    }

    /// <summary>Adds an error object.</summary>
    public ValidationResult Add(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _errors.Add(error);
        return this;
    }

    /// <summary>Adds the error when <paramref name="failed"/> is true.</summary>
    public ValidationResult AddIf(bool failed, string field, string value, string problem, string rule) =>
        failed ? Add(field, value, problem, rule) : this;

    /// <summary>Adds every error of <paramref name="other"/>.</summary>
    public ValidationResult Merge(ValidationResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _errors.AddRange(other._errors);
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => IsValid ? "valid" : string.Join("; ", _errors);
}
