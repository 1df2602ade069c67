namespace JobHome.Grains.Serialization;

/// <summary>The wire and storage form of the Domain's <see cref="JobHome.Domain.Validation.FieldError"/>.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.field-error")]
public readonly record struct FieldErrorSurrogate(
    [property: Id(0)] string Field,
    [property: Id(1)] string Value,
    [property: Id(2)] string Problem,
    [property: Id(3)] string Rule);
