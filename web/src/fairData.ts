/** GET /api/fairs/{id} (contract with dashapi). */
export interface FairStatus {
  id: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  phase: string | null;
  done: number;
  total: number;
  fraction: number | null;
  summary: {
    seekers: number;
    posts: number;
    openings: number;
    offers: number;
    meanScore: number;
    objective: string;
    mode: string;
    seconds: number;
  } | null;
  error: string | null;
}

/** The objectives the fair endpoint accepts (as the CLI's `--objective`). */
export const fairObjectives = ['score', 'placements'] as const;

/** The modes the fair endpoint accepts (as the CLI's `--mode`). */
export const fairModes = ['optimal', 'stable'] as const;

/** The progress in [0, 1]: 1 when done; the server's fraction, else done/total; never outside [0, 1]. */
export function fairProgress(status: FairStatus): number {
  if (status.state === 'done') {
    return 1;
  }
  let value = status.fraction;
  if (value === null || value === undefined || !Number.isFinite(value)) {
    value = status.total > 0 ? status.done / status.total : 0;
  }
  return Math.min(1, Math.max(0, value));
}
