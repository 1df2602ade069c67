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

    /// <summary>Writes record <paramref name="index"/> (not yet published).</summary>
    public void Write(int index, in TFeatures features, RecordSlot slot)
    {
        WriteFields(index, in features);
        Slots[index] = slot;
        Dead[index] = 0;
    }

    /// <summary>Copies live record <paramref name="index"/> to slot <paramref name="targetIndex"/> of <paramref name="target"/>.</summary>
    public void CopyTo(int index, TSelf target, int targetIndex)
    {
        target.Lat[targetIndex] = Lat[index];
        target.Lon[targetIndex] = Lon[index];
        target.Slots[targetIndex] = Slots[index];
        target.Dead[targetIndex] = 0;
        CopyFields(index, target, targetIndex);
    }

    /// <summary>Writes the kind's fields of record <paramref name="index"/>, position included.</summary>
    protected abstract void WriteFields(int index, in TFeatures features);

    /// <summary>Copies the kind's own fields (all but position, slot and dead flag).</summary>
    protected abstract void CopyFields(int index, TSelf target, int targetIndex);
}
