namespace JobHome.Silo.Api.Dashboard;

/// <summary>
/// One table of an export: sheet name, headers and rows whose cells are text, whole numbers, fractions or empty (null).
/// </summary>
internal sealed record ExportTable(string Name, string[] Headers, IReadOnlyList<object?[]> Rows);
