namespace JobHome.Domain.Validation;

/// <summary>One field's problem: the field, its (masked) value, what is wrong and the rule (English with the Chinese term).</summary>
public sealed record FieldError(string Field, string Value, string Problem, string Rule)
{
    /// <inheritdoc />
    public override string ToString() => $"{Field} = '{Value}': {Problem} [{Rule}]";
}
