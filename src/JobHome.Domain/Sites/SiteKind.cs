namespace JobHome.Domain.Sites;

/// <summary>The kind of an employment home (就业之家): administrative tier or specialised site.</summary>
public enum SiteKind : byte
{
    /// <summary>Province (省级), token <c>province</c>.</summary>
    Province = 0,
    /// <summary>City (市级), token <c>city</c>.</summary>
    City = 1,
    /// <summary>County or district (县级/区), token <c>county</c>.</summary>
    County = 2,
    /// <summary>Township, town or street, incl. urban community committees (乡镇/街道/城市社区), token <c>township</c>.</summary>
    Township = 3,
    /// <summary>Urban community (社区), token <c>community</c>.</summary>
    Community = 4,
    /// <summary>Village (村), token <c>village</c>.</summary>
    Village = 5,
    /// <summary>Industrial or high-tech park (高新区/园区), token <c>industrial_park</c>.</summary>
    IndustrialPark = 6,
    /// <summary>School: technical school or college (技工学校/高校), token <c>school</c>.</summary>
    School = 7,
}
