namespace JobHome.Actors.Streams;

/// <summary>An event a consumer gave up on after the maximum attempts.</summary>
public sealed record DeadLetterRecord(string Consumer, StreamEventRecord Event, string Error, int Attempts, DateTimeOffset FailedAt);
