/** A role-play transcript: who said what, and when (ISO-8601; optional in `settle score` input). */
export type Speaker = 'customer' | 'agent';

export interface Turn {
  role: Speaker;
  text: string;
  at?: string;
}

/** Why a session ended. */
export type EndReason = 'resolved' | 'gave_up' | 'walked_away';

/** Seconds between two ISO times, or undefined when either is missing or unreadable. */
export function secondsBetween(from?: string, to?: string): number | undefined {
  if (!from || !to) return undefined;
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a) || Number.isNaN(b)) return undefined;
  return Math.max(0, (b - a) / 1000);
}

/** Each agent turn's reply time: seconds since the customer turn before it. */
export function replyTimes(turns: Turn[]): { index: number; seconds: number }[] {
  const out: { index: number; seconds: number }[] = [];
  let lastCustomerAt: string | undefined;
  turns.forEach((t, index) => {
    if (t.role === 'customer') {
      lastCustomerAt = t.at;
      return;
    }
    const seconds = secondsBetween(lastCustomerAt, t.at);
    if (seconds !== undefined) out.push({ index, seconds });
    // Only the first agent turn after a customer message is a reply to it.
    lastCustomerAt = undefined;
  });
  return out;
}
