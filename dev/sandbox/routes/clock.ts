/** Moving the sandbox clock, and running a reminder sweep as of its time. */
import { PageError } from "../page-http.js";
import type { Session } from "../session.js";

type Json = Record<string, unknown>;

export function clockChange({ clock }: Session, body: Json): Json {
  if (body.reset === true) clock.reset();
  else if (typeof body.set === "string") {
    const instant = new Date(body.set);
    if (Number.isNaN(instant.getTime())) throw new PageError(400, "invalid_instant");
    clock.set(instant);
  } else {
    const days = Number(body.days ?? 0);
    const hours = Number(body.hours ?? 0);
    if (!Number.isFinite(days) || !Number.isFinite(hours)) throw new PageError(400, "invalid_amount");
    clock.advance((days * 24 + hours) * 3_600_000);
  }
  return { now: clock.now().toISOString(), offsetMs: clock.offsetMs };
}

export async function sweep({ sweep, clock, assistant, emulator }: Session): Promise<Json> {
  if (!sweep) throw new PageError(404, "no_sweep");
  const now = clock.now();
  const result = await sweep(now, { assistant, emulator });
  let shown: unknown = null;
  try {
    shown = JSON.parse(JSON.stringify(result ?? null));
  } catch {
    shown = String(result);
  }
  return { ok: true, now: now.toISOString(), result: shown };
}
