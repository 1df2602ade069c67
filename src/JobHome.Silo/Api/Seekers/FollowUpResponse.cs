namespace JobHome.Silo.Api.Seekers;

/// <summary>One follow-up record (一对一帮扶).</summary>
public sealed record FollowUpResponse(DateOnly Date, string Kind, string Note, string By);
