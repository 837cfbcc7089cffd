/** Fault injection: queues of faults per method (or `*`), and the answer a fault gives instead of the method's. */
import type { Fault } from "./state.js";
import type { EmulatorFault } from "./types.js";

export type FaultQueues = Map<string, Fault[]>;

/** The next `times` calls to `method` get `fault` (after the faults already queued for it). */
export function failNext(faults: FaultQueues, method: string, fault: EmulatorFault, times = 1): void {
  const queue = faults.get(method) ?? [];
  queue.push({ fault, remaining: times });
  faults.set(method, queue);
}

/** Every call to `method` gets `fault`, replacing what was queued for it. */
export function failAlways(faults: FaultQueues, method: string, fault: EmulatorFault): void {
  faults.set(method, [{ fault, remaining: Number.POSITIVE_INFINITY }]);
}

/** The fault the next call to `method` gets, if any (the method's own queue first, then `*`); uses it up. */
export function takeFault(faults: FaultQueues, method: string): EmulatorFault | undefined {
  for (const key of [method, "*"]) {
    const queue = faults.get(key);
    const head = queue?.[0];
    if (!queue || !head) continue;
    if (Number.isFinite(head.remaining)) {
      head.remaining -= 1;
      if (head.remaining <= 0) queue.shift();
    }
    return head.fault;
  }
  return undefined;
}

export interface FaultAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** What the emulator answers instead of the method; undefined for a fault that only delays. */
export function faultAnswer(fault: EmulatorFault, label: string): FaultAnswer | undefined {
  if ("error" in fault) return { status: 200, body: { ok: false, error: fault.error, ...fault.extra } };
  if (!("status" in fault)) return undefined;
  if (fault.status === 429) {
    const retryAfter = String(fault.retryAfter ?? 1);
    return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": retryAfter } };
  }
  return { status: fault.status, body: fault.body ?? `${label}: injected HTTP ${fault.status}` };
}
