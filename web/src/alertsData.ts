/** GET /api/sites/{code}/alerts (docs/api.md). */
export interface SiteAlerts {
  siteCode: string;
  asOf: string;
  overdueHouseholds: HouseholdAlert[];
  unemployedOver3MonthsWithoutFollowUp: SeekerAlert[];
}

/** A zero-employment household past its one-month deadline. */
export interface HouseholdAlert {
  householdId: string;
  siteCode: string;
  zeroEmploymentSince: string;
  overdueFrom: string;
}

/** A seeker unemployed over three months with no follow-up since. */
export interface SeekerAlert {
  seekerId: string;
  siteCode: string;
  unemployedSince: string;
  lastFollowUp: string | null;
}

/** Newest first: the most recent date first (ISO dates sort as text), ties by id so the order is stable. */
export function newestFirst<T>(items: readonly T[], date: (item: T) => string, id: (item: T) => string): T[] {
  return [...items].sort((a, b) => {
    const byDate = date(b).localeCompare(date(a));
    return byDate !== 0 ? byDate : id(a).localeCompare(id(b));
  });
}
