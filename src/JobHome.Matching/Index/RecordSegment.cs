namespace JobHome.Matching.Index;

/// <summary>
/// Structure-of-arrays storage of the records of one bucket: the fields every record has (position, slot, dead
/// flag) here, the kind's own fields in the subclass. Slots below <see cref="Count"/> are immutable once published
/// (only <see cref="Dead"/> flips to 1), so readers never see a half-written record.
/// </summary>
/// <typeparam name="TSelf">The concrete segment.</typeparam>
/// <typeparam name="TFeatures">The encoded record it stores.</typeparam>
internal abstract class RecordSegment<TSelf, TFeatures>
    where TSelf : RecordSegment<TSelf, TFeatures>
    where TFeatures : struct
{
    protected RecordSegment(int capacity)
    {
        Lat = new double[capacity];
        Lon = new double[capacity];
        Slots = new RecordSlot[capacity];
        Dead = new byte[capacity];
    }

    /// <summary>Published record count; written with release semantics after the record's fields.</summary>
    public int Count;

    public readonly double[] Lat;
    public readonly double[] Lon;
    public readonly RecordSlot[] Slots;
    public readonly byte[] Dead;

    public int Capacity => Lat.Length;

    /// <summary>Writes record <paramref name="i"/> (not yet published).</summary>
    public void Write(int i, in TFeatures features, RecordSlot slot)
    {
        WriteFields(i, in features);
        Slots[i] = slot;
        Dead[i] = 0;
    }

    /// <summary>Copies live record <paramref name="i"/> to slot <paramref name="j"/> of <paramref name="target"/>.</summary>
    public void CopyTo(int i, TSelf target, int j)
    {
        target.Lat[j] = Lat[i];
        target.Lon[j] = Lon[i];
        target.Slots[j] = Slots[i];
        target.Dead[j] = 0;
        CopyFields(i, target, j);
    }

    /// <summary>Writes the kind's fields of record <paramref name="i"/>, position included.</summary>
    protected abstract void WriteFields(int i, in TFeatures features);

    /// <summary>Copies the kind's own fields (all but position, slot and dead flag).</summary>
    protected abstract void CopyFields(int i, TSelf target, int j);
}
