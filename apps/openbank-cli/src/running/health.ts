/** The answer of GET /health (Terminus): each check with its status and details. */
export interface HealthAnswer {
  readonly status: 'ok' | 'error' | 'shutting_down';
  readonly details?: Record<string, { status: 'up' | 'down'; message?: string; [detail: string]: unknown }>;
}

/** One subscription in GET /health (details.subscriptions.<name>). */
export interface HealthOfSubscription {
  readonly running: boolean;
  readonly consumers: number;
  readonly position: string | null;
  readonly caught_up: boolean;
  readonly lag_ms: number;
  readonly parked: number;
}

/** The subscriptions of the health answer; the entry of a check that failed has no figures and is left out. */
export function subscriptionsOfHealth(subscriptions: Record<string, unknown> | undefined): [string, HealthOfSubscription][] {
  return Object.entries(subscriptions ?? {}).filter((entry): entry is [string, HealthOfSubscription] => typeof entry[1] === 'object' && entry[1] !== null);
}

/** How far a starting OpenBank has come. */
export type Readiness = 'unreachable' | 'starting' | 'no-consumers' | 'ready';

/**
 * Ready once /health answers 200 and, when a projector is expected, every subscription has a
 * running consumer: the projector has connected to each consumer group.
 */
export async function readiness(baseUrl: string, withProjector: boolean): Promise<Readiness> {
  try {
    const response = await fetch(new URL('/health', baseUrl), { signal: AbortSignal.timeout(5000) });
    const answer = (await response.json().catch(() => undefined)) as HealthAnswer | undefined;
    if (response.status !== 200) return 'starting';
    const subscriptions = subscriptionsOfHealth(answer?.details?.subscriptions);
    return withProjector && !subscriptions.every(([, status]) => status.running) ? 'no-consumers' : 'ready';
  } catch {
    return 'unreachable';
  }
}

/** True when anything answers HTTP there, healthy or not. */
export async function answersAt(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', baseUrl), { signal: AbortSignal.timeout(3000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}
