/**
 * Answers people marked unhelpful (👎): the question, the answer's id, the rules version and the language, kept
 * in the store so the rules operator can see what the FAQ does not answer well (`npm run faq:report`). One entry
 * per person and answer (pressing twice keeps one), questions capped in length, entries kept for a bounded time.
 */
import { z } from "zod";
import { type TeamKey, teamScope } from "../store/keys.js";
import type { Store } from "../store/store.js";

/** How long an entry is kept: long enough for a quarterly FAQ review. */
export const FEEDBACK_TTL_MS = 180 * 24 * 60 * 60 * 1000;
/** The longest question kept (longer ones are cut). */
export const FEEDBACK_QUESTION_MAX = 500;
export const FEEDBACK_PREFIX = "feedback:unhelpful:";

export const Surface = z.enum(["assistant", "mention", "dm", "command"]);
export type Surface = z.infer<typeof Surface>;

export const UnhelpfulAnswer = z.object({
  question: z.string().max(FEEDBACK_QUESTION_MAX),
  answerId: z.string().min(1).max(64),
  rulesVersion: z.string().min(1).max(64),
  locale: z.enum(["ja", "en"]),
  surface: Surface,
  /** ISO instant the 👎 was pressed. */
  at: z.string(),
});
export type UnhelpfulAnswer = z.infer<typeof UnhelpfulAnswer>;

const ANSWER_ID = /^[A-Za-z0-9_-]{1,64}$/;

function entryKey(team: TeamKey, userId: string, answerId: string): string {
  if (!ANSWER_ID.test(answerId))
    throw new TypeError(`answer id ${JSON.stringify(answerId)} is not an answer id`);
  if (!/^[A-Za-z0-9_]+$/.test(userId))
    throw new TypeError(`user id ${JSON.stringify(userId)} is not a Slack id`);
  return `${FEEDBACK_PREFIX}${teamScope(team)}:${userId}:${answerId}`;
}

export class FeedbackRepository {
  constructor(private readonly store: Store) {}

  /** Records a 👎; the same person pressing it again on the same answer overwrites their entry. */
  async recordUnhelpful(
    team: TeamKey,
    userId: string,
    entry: Omit<UnhelpfulAnswer, "question"> & { question: string },
  ): Promise<void> {
    const value = UnhelpfulAnswer.parse({
      ...entry,
      question: entry.question.slice(0, FEEDBACK_QUESTION_MAX),
    });
    await this.store.set(entryKey(team, userId, value.answerId), value, FEEDBACK_TTL_MS);
  }

  /** Every entry still kept, of every team (for the operator's report). */
  async all(): Promise<UnhelpfulAnswer[]> {
    const keyv = this.store.keyv;
    const iterate = keyv.iterator;
    if (typeof iterate !== "function") throw new Error("this store cannot list its keys");
    const out: UnhelpfulAnswer[] = [];
    // The iterator does not open the connection by itself (Redis: "The client is offline"); one read does.
    await this.store.get(FEEDBACK_PREFIX);
    // Not under the store's per-operation deadline: a report walks every key, which may take longer.
    for await (const [key, value] of iterate.call(keyv, keyv.namespace)) {
      if (typeof key !== "string" || !key.startsWith(FEEDBACK_PREFIX)) continue;
      const parsed = UnhelpfulAnswer.safeParse(value);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }
}
