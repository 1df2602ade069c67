using JobHome.Domain.Sites;

namespace JobHome.Domain.Checklist;

/// <summary>
/// The verdict of a checklist: 达标 (up to standard) when every mandatory item applicable to the kind is yes;
/// otherwise 不达标 with the failed mandatory items (an unanswered mandatory item counts as failed and is also listed
/// in <see cref="Unanswered"/>).
/// </summary>
public sealed record ChecklistEvaluation(
    SiteKind Kind,
    IReadOnlyList<ChecklistItem> FailedMandatory,
    IReadOnlyList<ChecklistItem> FailedOptional,
    IReadOnlyList<ChecklistItem> Unanswered,
    IReadOnlyList<string> UnknownAnswers)
{
    /// <summary>True when no applicable mandatory item failed (达标).</summary>
    public bool UpToStandard => FailedMandatory.Count == 0;

    /// <summary>The verdict as written on the form: 达标 or 不达标.</summary>
    public string Verdict => UpToStandard ? "达标" : "不达标";
}
