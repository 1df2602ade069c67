namespace JobHome.Domain.Services;

/// <summary>
/// One service category (服务事项大类) of a site kind's catalogue: its number in the seed, Chinese name exactly as written, English.
/// </summary>
public sealed record ServiceItem(int Number, string Chinese, string English);
