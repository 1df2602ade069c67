namespace JobHome.Silo.Security.Accounts;

/// <summary>The outcome of a sign-in and, when it succeeded, the account.</summary>
[GenerateSerializer, Immutable, Alias("jobhome.sign-in-result")]
public sealed record SignInResult([property: Id(0)] SignInOutcome Outcome, [property: Id(1)] UserAccountView? Account);
