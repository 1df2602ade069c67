namespace JobHome.Grains.Indicators;

/// <summary>
/// Reads records' indicator reports for a recount from storage, a batch per call (stateless worker, key 0), so a recount
/// of a county neither calls nor activates one grain per record (see <see cref="RecountReaderGrain"/>).
/// </summary>
[Alias("jobhome.IRecountReaderGrain")]
public interface IRecountReaderGrain : IGrainWithIntegerKey
{
    /// <summary>The report of each indicator source id (<c>kind/key</c>), in order, as the record itself would give it.</summary>
    [Alias("Read")]
    Task<IndicatorSourceReport[]> ReadAsync(string[] sourceIds);
}
