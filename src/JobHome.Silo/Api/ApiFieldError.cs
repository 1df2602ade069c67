namespace JobHome.Silo.Api;

/// <summary>One field error in a problem response: the field as named in the request JSON, its (masked) value, the problem and the rule.</summary>
public sealed record ApiFieldError(string Field, string Value, string Problem, string Rule);
