/** The problems Slack would have shown or refused, kept for the sandbox page. */
import { changed, type EmulatorContext } from "./state.js";
import type { EmulatorProblem } from "./types.js";
import { isObject } from "./values.js";

/** Only the newest problems are kept. */
const MAX_PROBLEMS = 200;

export function recordProblem(ctx: EmulatorContext, problem: Omit<EmulatorProblem, "seq" | "time">): void {
  const { state } = ctx;
  state.problemSeq += 1;
  state.problems.push({ ...problem, seq: state.problemSeq, time: new Date() });
  if (state.problems.length > MAX_PROBLEMS) state.problems.splice(0, state.problems.length - MAX_PROBLEMS);
  changed(ctx);
}

/** Records an answer as a problem when it is a Slack error (`ok: false`) or an HTTP error. */
export function noteFailure(ctx: EmulatorContext, source: string, status: number, body: unknown): void {
  if (status === 200 && isObject(body) && body.ok === false) {
    const metadata = isObject(body.response_metadata) ? body.response_metadata : {};
    const messages = Array.isArray(metadata.messages) ? metadata.messages.map(String) : [];
    recordProblem(ctx, { source, error: String(body.error), messages });
  } else if (status >= 400) {
    recordProblem(ctx, { source, error: `HTTP ${status}`, messages: typeof body === "string" ? [body] : [] });
  }
}
