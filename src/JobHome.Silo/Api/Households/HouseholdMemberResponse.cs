namespace JobHome.Silo.Api.Households;

/// <summary>A household member's labour status and its date (null until the member's record answered).</summary>
public sealed record HouseholdMemberResponse(string SeekerId, string? Status, DateOnly? Since);
