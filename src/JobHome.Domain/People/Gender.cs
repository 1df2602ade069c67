namespace JobHome.Domain.People;

/// <summary>Gender as recorded on the ID card (性别).</summary>
public enum Gender : byte
{
    /// <summary>Male (男), file token <c>M</c>.</summary>
    Male = 0,
    /// <summary>Female (女), file token <c>F</c>.</summary>
    Female = 1,
}
