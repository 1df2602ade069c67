namespace JobHome.Silo.Dashboard;

/// <summary>One file of the dashboard bundle, held in memory with its validator and (for text) a gzip copy.</summary>
/// <param name="Path">Request path, e.g. <c>/assets/index-abc.js</c>.</param>
/// <param name="ContentType">Media type sent with it.</param>
/// <param name="Content">The bytes as built.</param>
/// <param name="Gzip">The bytes gzip-compressed, or null when compressing does not pay.</param>
/// <param name="ETag">Strong validator (hash of the content).</param>
/// <param name="Immutable">True for content-hashed files under <c>/assets/</c>, cached for a year.</param>
internal sealed record DashboardAsset(string Path, string ContentType, byte[] Content, byte[]? Gzip, string ETag, bool Immutable);
