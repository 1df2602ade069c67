namespace JobHome.Actors.AdoNet.Schema;

/// <summary>One versioned schema script embedded in the assembly.</summary>
internal sealed record SchemaScript(int Version, string Name, string Sql);
