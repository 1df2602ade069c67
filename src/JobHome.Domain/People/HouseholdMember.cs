namespace JobHome.Domain.People;

/// <summary>A household member as the zero-employment rule sees them.</summary>
public sealed record HouseholdMember(string SeekerId, DateOnly BirthDate, bool AbleToWork, bool WillingToWork, bool Employed);
