namespace JobHome.Demo;

/// <summary>One township row of the Xinfeng site table (seed 000 annex 1): its name and planned community and village homes.</summary>
public sealed record XinfengTownship(string Name, int Communities, int Villages)
{
    /// <summary>Sites in this row: the township home plus its communities and villages.</summary>
    public int Total => 1 + Communities + Villages;
}
