/** The answer of GET /health (Terminus): each check with its status and details. */
export interface HealthAnswer {
  readonly status: 'ok' | 'error' | 'shutting_down';
  readonly details?: Record<string, { status: 'up' | 'down'; message?: string; [detail: string]: unknown }>;
}

/** True once OpenBank answers its health check with 200. */
export async function isHealthy(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/health', baseUrl), { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
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
