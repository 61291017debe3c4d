/**
 * A circuit breaker around the model server. After `failures` consecutive failed calls the
 * circuit opens and every call is refused at once (Settle answers offline: rules classification,
 * template reply) for `cooldownMs`; then one trial call is let through — success closes the
 * circuit, failure opens it again. The clock is injected so tests can walk through the states.
 */

export type Clock = () => Date;
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface CircuitBreaker {
  /** May a call go out now? In half-open state only one trial call at a time is allowed. */
  allow(): boolean;
  success(): void;
  failure(): void;
  state(): BreakerState;
}

/** Create a breaker; single-process state (each process has its own view of the server). */
export function createCircuitBreaker(opts: { failures: number; cooldownMs: number; clock: Clock }): CircuitBreaker {
  let consecutive = 0;
  let openedAt: number | null = null;
  let trialInFlight = false;

  const current = (): BreakerState => {
    if (openedAt === null) return 'closed';
    return opts.clock().getTime() - openedAt >= opts.cooldownMs ? 'half_open' : 'open';
  };

  return {
    state: current,
    allow() {
      const s = current();
      if (s === 'closed') return true;
      if (s === 'open' || trialInFlight) return false;
      trialInFlight = true;
      return true;
    },
    success() {
      consecutive = 0;
      openedAt = null;
      trialInFlight = false;
    },
    failure() {
      consecutive += 1;
      const wasTrial = trialInFlight;
      trialInFlight = false;
      if (wasTrial || consecutive >= opts.failures) openedAt = opts.clock().getTime();
    },
  };
}
