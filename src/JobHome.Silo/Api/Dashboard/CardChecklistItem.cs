namespace JobHome.Silo.Api.Dashboard;

/// <summary>A checklist item that fails (id, English, Chinese, whether it is mandatory, marked * on the form).</summary>
public sealed record CardChecklistItem(string Item, string En, string Zh, bool Mandatory);
