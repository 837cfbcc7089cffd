/**
 * The assistant panel's threads in the store, not in memory, so any instance answers any message: the context
 * Slack sends (the channel the person is viewing) and whether the thread already has its title. Implements Bolt's
 * AssistantThreadContextStore, keyed by the thread's channel and ts inside the team.
 */
import type { AssistantConfig } from "@slack/bolt";
import { z } from "zod";
import { type TeamKey, teamScope } from "../../store/keys.js";
import type { Store } from "../../store/store.js";

/** A thread nobody wrote in for this long is forgotten (Slack keeps its own history). */
export const THREAD_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const SLACK_ID = /^[A-Za-z0-9_]{1,40}$/;
const TS = /^\d{1,12}\.\d{1,8}$/;

const ThreadContext = z.object({
  channel_id: z.string().regex(SLACK_ID).optional(),
  team_id: z.string().regex(SLACK_ID).optional(),
  enterprise_id: z.string().regex(SLACK_ID).nullable().optional(),
});
export type ThreadContext = z.infer<typeof ThreadContext>;

const ThreadRecord = z.object({ context: ThreadContext.default({}), titled: z.boolean().default(false) });
export type ThreadRecord = z.infer<typeof ThreadRecord>;

type AssistantThreadContextStore = NonNullable<AssistantConfig["threadContextStore"]>;

export interface ThreadRef {
  channel: string;
  threadTs: string;
}

export function threadKey(team: TeamKey, thread: ThreadRef): string {
  if (!SLACK_ID.test(thread.channel))
    throw new TypeError(`channel ${JSON.stringify(thread.channel)} is not a Slack id`);
  if (!TS.test(thread.threadTs))
    throw new TypeError(`thread_ts ${JSON.stringify(thread.threadTs)} is not a Slack ts`);
  return `assistant-thread:${teamScope(team)}:${thread.channel}:${thread.threadTs}`;
}

/** The context Slack sent with an assistant event, keeping only the ids it may hold (anything else is dropped). */
export function contextOf(event: unknown): ThreadContext {
  const thread = (event as { assistant_thread?: { context?: unknown } } | undefined)?.assistant_thread;
  const parsed = ThreadContext.safeParse(thread?.context ?? {});
  return parsed.success ? parsed.data : {};
}

/** Where an assistant event or message happens: its channel and thread. */
export function threadOf(event: unknown): ThreadRef | undefined {
  const e = (event ?? {}) as Record<string, unknown>;
  const thread = e.assistant_thread as { channel_id?: unknown; thread_ts?: unknown } | undefined;
  const channel = thread?.channel_id ?? e.channel;
  const threadTs = thread?.thread_ts ?? e.thread_ts;
  return typeof channel === "string" && typeof threadTs === "string" ? { channel, threadTs } : undefined;
}

export class AssistantThreadRepository {
  constructor(private readonly store: Store) {}

  async get(team: TeamKey, thread: ThreadRef): Promise<ThreadRecord> {
    const parsed = ThreadRecord.safeParse(await this.store.get(threadKey(team, thread)));
    return parsed.success ? parsed.data : { context: {}, titled: false };
  }

  async saveContext(team: TeamKey, thread: ThreadRef, context: ThreadContext): Promise<void> {
    const current = await this.get(team, thread);
    await this.store.set(threadKey(team, thread), { ...current, context }, THREAD_TTL_MS);
  }

  /** Marks the thread titled; true when it was not yet (the caller sets the title once). */
  async markTitled(team: TeamKey, thread: ThreadRef): Promise<boolean> {
    const current = await this.get(team, thread);
    if (current.titled) return false;
    await this.store.set(threadKey(team, thread), { ...current, titled: true }, THREAD_TTL_MS);
    return true;
  }

  /**
   * Bolt's thread context store for one team's requests: the Assistant's getThreadContext and saveThreadContext
   * (and its say(), which attaches the context as message metadata) read and write here.
   */
  contextStore(teamOf: (args: { context: unknown; body: unknown }) => TeamKey): AssistantThreadContextStore {
    return {
      get: async (args) => {
        const thread = threadOf(args.payload);
        return thread ? (await this.get(teamOf(args), thread)).context : {};
      },
      save: async (args) => {
        const thread = threadOf(args.payload);
        if (thread) await this.saveContext(teamOf(args), thread, contextOf(args.payload));
      },
    };
  }
}
