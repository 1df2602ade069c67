namespace JobHome.Storage.Schema;

/// <summary>One versioned schema script: applied once, in version order, and recorded in <c>schema_version</c>.</summary>
/// <param name="Version">The script's number (1, 2, 3 … without gaps).</param>
/// <param name="Name">The script's name without number and extension, e.g. <c>orleans_clustering</c>.</param>
/// <param name="Sql">The statements to run; several statements separated by semicolons are allowed.</param>
public sealed record SchemaScript(int Version, string Name, string Sql);
