namespace JobHome.Silo.Api.Fairs;

/// <summary>The answer to a submission: the job id and where to ask for its status.</summary>
public sealed record FairSubmittedResponse(string Id, string StatusUrl);
