/** Driving the app like Slack does in the reliability tests: a command and the reply it gets, with its timing. */

import type { EmulatorCall } from "../../../dev/slack-emulator/index.js";
import { slashCommand } from "../../../dev/slack-requests/index.js";
import type { Harness } from "../harness.js";
import { textsOf } from "./replies.js";

/** The commands whose answer reads the team's data from the store. */
export const STORE_READING_COMMANDS: readonly string[] = [
  "status",
  "audits",
  "special",
  "plan",
  "profile show",
  "profile history",
  "remind list",
];

export interface Answer {
  /** From sending the command to the reply reaching the fake Slack. */
  ms: number;
  status: number;
  reply: EmulatorCall | undefined;
  /** Everything readable in the reply (or in the modal it opened and filled). */
  text: string;
}

/**
 * `/ismap <text>` as `userId`; waits up to `timeoutMs` for the reply on its response_url, or for the modal it opens
 * to be filled (views.update of the opened view).
 */
export async function ask(h: Harness, text: string, userId: string, timeoutMs = 6_000): Promise<Answer> {
  const request = slashCommand(h.fake, { text, user_id: userId });
  const path = new URL(request.payload.response_url).pathname;
  const trigger = request.payload.trigger_id;
  const started = performance.now();
  const response = await h.send(request);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const reply = h.fake.calls.find((c) => c.method === "response_url" && c.path === path && c.status !== 0);
    if (reply) {
      return { ms: performance.now() - started, status: response.status, reply, text: readable(reply.body) };
    }
    const ok = (c: EmulatorCall) => (c.response as { ok?: unknown } | undefined)?.ok === true;
    const open = h.fake.calls.find(
      (c) => c.method === "views.open" && c.body.trigger_id === trigger && ok(c),
    );
    const viewId =
      ((open?.response as { view?: { id?: string } } | undefined)?.view?.id as string) ?? undefined;
    if (viewId) {
      const fill = h.fake.calls.find(
        (c) => c.method === "views.update" && c.body.view_id === viewId && ok(c),
      );
      if (fill) {
        return {
          ms: performance.now() - started,
          status: response.status,
          reply: fill,
          text: readable(fill.body.view),
        };
      }
    }
    if (Date.now() > deadline) {
      return { ms: performance.now() - started, status: response.status, reply: undefined, text: "" };
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function readable(value: unknown): string {
  const body = value as { text?: unknown } | undefined;
  return [typeof body?.text === "string" ? body.text : "", ...textsOf(value)].join("\n");
}
