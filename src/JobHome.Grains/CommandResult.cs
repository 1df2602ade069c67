using JobHome.Domain.Validation;

namespace JobHome.Grains;

/// <summary>The outcome of a command: the id it concerns (new, existing or conflicting) and every field error.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.command-result")]
public sealed record CommandResult(
    [property: Id(0)] CommandOutcome Outcome,
    [property: Id(1)] string? Id,
    [property: Id(2)] FieldError[] Errors)
{
    /// <summary>True when the command took effect (or had already).</summary>
    public bool Succeeded => Outcome == CommandOutcome.Ok;

    /// <summary>A success about <paramref name="id"/>.</summary>
    public static CommandResult Ok(string id) => new(CommandOutcome.Ok, id, []);

    /// <summary>Bad input; <paramref name="validation"/> must hold at least one error.</summary>
    public static CommandResult Invalid(ValidationResult validation)
    {
        ArgumentNullException.ThrowIfNull(validation);
        return new(CommandOutcome.Invalid, null, [.. validation.Errors]);
    }

    /// <summary>Bad input in one field.</summary>
    public static CommandResult Invalid(string field, string value, string problem, string rule) =>
        new(CommandOutcome.Invalid, null, [new FieldError(field, value, problem, rule)]);

    /// <summary>An unknown target.</summary>
    public static CommandResult NotFound(string field, string value, string rule) =>
        new(CommandOutcome.NotFound, null, [new FieldError(field, value, "is not registered", rule)]);

    /// <summary>A refusal by a rule; <paramref name="id"/> names the record in the way (e.g. the existing seeker).</summary>
    public static CommandResult Conflict(string? id, string field, string value, string problem, string rule) =>
        new(CommandOutcome.Conflict, id, [new FieldError(field, value, problem, rule)]);
}
