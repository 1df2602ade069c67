using JobHome.Domain.Validation;

namespace JobHome.Grains.Serialization;

/// <summary>Lets <see cref="FieldError"/> cross grain boundaries without Orleans attributes in the Domain.</summary>
[RegisterConverter]
public sealed class FieldErrorSurrogateConverter : IConverter<FieldError, FieldErrorSurrogate>
{
    /// <summary>Rebuilds the Domain record.</summary>
    public FieldError ConvertFromSurrogate(in FieldErrorSurrogate surrogate) =>
        new(surrogate.Field, surrogate.Value, surrogate.Problem, surrogate.Rule);

    /// <summary>Copies the Domain record into its surrogate.</summary>
    public FieldErrorSurrogate ConvertToSurrogate(in FieldError value) =>
        new(value.Field, value.Value, value.Problem, value.Rule);
}
