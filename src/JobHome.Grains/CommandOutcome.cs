namespace JobHome.Grains;

/// <summary>How a command ended; the HTTP layer maps these to 200/201, 400, 404 and 409.</summary>
public enum CommandOutcome : byte
{
    /// <summary>Done (or already done: commands are idempotent).</summary>
    Ok = 0,
    /// <summary>Bad input: the errors name every field (400).</summary>
    Invalid = 1,
    /// <summary>The target does not exist (404).</summary>
    NotFound = 2,
    /// <summary>Refused by a rule of the records, e.g. a duplicate ID number or a full post (409).</summary>
    Conflict = 3,
}
