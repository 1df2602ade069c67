namespace JobHome.Silo.Api;

/// <summary>One field error of a problem response: the field as named in the request JSON, its (masked) value, problem and rule.</summary>
public sealed record ApiFieldError(string Field, string Value, string Problem, string Rule);
