using JobHome.Grains.History;

namespace JobHome.Silo.Api.Indicators;

/// <summary>Daily points (the last recording of each day, oldest first) and the live value.</summary>
public sealed record IndicatorHistoryResponse(string SiteCode, IndicatorPoint[] Points, IndicatorsResponse Live);
