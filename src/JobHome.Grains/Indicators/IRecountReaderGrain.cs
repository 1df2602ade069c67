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

    /// <summary>
    /// As <see cref="ReadAsync(string[])"/> for records of site <paramref name="siteCode"/>, whose aggregator holds version
    /// <paramref name="heldVersions"/>[i] (−1: no entry) of <paramref name="sourceIds"/>[i]: a record stored at that site
    /// whose stored outbox is unpublished only because the mark was not yet written, while the aggregator already holds that
    /// version, is reported from its state instead of being activated.
    /// </summary>
    [Alias("ReadHeld")]
    Task<IndicatorSourceReport[]> ReadAsync(string siteCode, string[] sourceIds, long[] heldVersions);
}
