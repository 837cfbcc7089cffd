/**
 * What the listener unit tests call a callback with: services built as the app builds them (real repositories on
 * an in-memory keyv store, the repository's rules), a fake Web API client whose methods are vi.fn(), and fake
 * `ack`/`respond`. Every ack, respond and client call is written to one `log`, so a test can tell what came first.
 */
import { afterEach, beforeEach, vi } from "vitest";
import { FeedbackRepository } from "../../../src/feedback/repository.js";
import { PreferencesRepository } from "../../../src/profile/preferences.js";
import { ProfileRepository } from "../../../src/profile/repository.js";
import { PendingImports } from "../../../src/records/pending.js";
import { ReminderSettingsRepository } from "../../../src/reminders/settings.js";
import { AssistantThreadRepository } from "../../../src/slack/assistant/thread-store.js";
import { AnswerCache } from "../../../src/slack/runtime/answer-cache.js";
import type { Services } from "../../../src/slack/runtime/services.js";
import { UserDirectory } from "../../../src/slack/runtime/user-directory.js";
import { openStore } from "../../../src/store/keyv-factory.js";
import type { Store } from "../../../src/store/store.js";
import { engine, TEAM } from "../../support/fixtures.js";

export const TEAM_ID = TEAM.teamId;
export const BOT_USER = "U0FAKEBOT1";
export const ADMIN = "U0ADMIN001";
export const MEMBER = "U0MEMBER01";
/** What Bolt's authorization puts in `context` for the fake workspace. */
export const CONTEXT = { teamId: TEAM_ID, botUserId: BOT_USER, isEnterpriseInstall: false };

/** A failure whose message and stack must never reach the person. */
export function internalError(): Error {
  const error = new Error("SECRET internal detail");
  error.stack = "Error: SECRET internal detail\n    at handler (src/slack/listeners/secret.ts:1:1)";
  return error;
}

export interface World {
  services: Services;
  store: Store;
  /** What the logger was given at error level. */
  errors: string[];
  /** The app's clock; set it to move time. */
  now: Date;
  close(): Promise<void>;
}

/** Services as src/app.ts builds them, on a fresh in-memory store. */
export function world(now = "2026-11-26T10:00:00+09:00"): World {
  const store = openStore("memory://");
  const errors: string[] = [];
  let ids = 0;
  const w = { store, errors, now: new Date(now) } as World;
  const clock = () => w.now;
  const answers = new AnswerCache({ clock, changes: store.changes, maxAgeMs: 60_000 });
  w.services = {
    engine,
    profiles: new ProfileRepository(store),
    preferences: new PreferencesRepository(store),
    reminders: new ReminderSettingsRepository(store),
    users: new UserDirectory(),
    answers,
    pendingImports: new PendingImports(store),
    threads: new AssistantThreadRepository(store),
    feedback: new FeedbackRepository(store),
    clock,
    newId: () => `id-${++ids}`,
    logger: {
      debug: () => {},
      info: () => {},
      warn: () => {},
      error: (...args: unknown[]) => void errors.push(args.map(String).join(" ")),
      setLevel: () => {},
      getLevel: () => "error" as never,
      setName: () => {},
    },
  };
  w.close = async () => {
    answers.close();
    await store.close();
  };
  return w;
}

/**
 * A fresh world for each test of the calling suite (set up in beforeEach, closed in afterEach), seeded by `seed` when
 * given. The returned object stands for the current test's world: reading or setting a property reaches it.
 */
export function useWorld(seed?: (w: World) => Promise<void>): World {
  let current: World | undefined;
  beforeEach(async () => {
    current = world();
    await seed?.(current);
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  const now = (): World => {
    if (!current) throw new Error("useWorld(): the world exists only inside a test");
    return current;
  };
  return new Proxy({} as World, {
    get: (_, key) => Reflect.get(now(), key),
    set: (_, key, value) => Reflect.set(now(), key, value),
  });
}

/** The people of the fake workspace as users.info describes them. */
const USERS: Record<string, { locale: string; is_admin?: boolean }> = {
  [ADMIN]: { locale: "en-US", is_admin: true },
  [MEMBER]: { locale: "en-US" },
};

/** A Web API client whose every method is a vi.fn() answering as Slack does, logging its name to `log`. */
export function fakeClient(log: string[]) {
  const method = (name: string, answer: (args: Record<string, unknown>) => unknown) =>
    vi.fn(async (args: Record<string, unknown> = {}) => {
      log.push(name);
      return answer(args);
    });
  return {
    token: "xoxb-fake",
    slackApiUrl: "http://127.0.0.1:9/api/",
    auth: { test: method("auth.test", () => ({ ok: true, user: "ismap-liu", user_id: BOT_USER })) },
    users: {
      info: method("users.info", (args) => ({
        ok: true,
        user: { id: args.user, ...(USERS[String(args.user)] ?? { locale: "en-US" }) },
      })),
    },
    chat: { postMessage: method("chat.postMessage", () => ({ ok: true, ts: "1700000000.000100" })) },
    views: {
      open: method("views.open", () => ({ ok: true, view: { id: "V0OPENED1", hash: "h1" } })),
      push: method("views.push", () => ({ ok: true, view: { id: "V0PUSHED1", hash: "h1" } })),
      update: method("views.update", () => ({ ok: true })),
      publish: method("views.publish", () => ({ ok: true })),
    },
    conversations: { info: method("conversations.info", () => ({ ok: true, channel: { is_member: true } })) },
  };
}

export type FakeClient = ReturnType<typeof fakeClient>;

/** A Slack Web API error as @slack/web-api throws it (`error.data.error` is the code). */
export function slackError(code: string): Error {
  return Object.assign(new Error(`An API error occurred: ${code}`), {
    code: "slack_webapi_platform_error",
    data: { ok: false, error: code },
  });
}

/** `ack` and `respond` that log their calls. */
export function replies(log: string[]) {
  return {
    ack: vi.fn(async (_response?: unknown) => void log.push("ack")),
    respond: vi.fn(async (_message: unknown) => void log.push("respond")),
  };
}

/** The arguments a callback gets, cast to the Bolt type it declares (only what the listener reads is real). */
export function argsFor<F extends (args: never) => unknown>(_callback: F, args: Record<string, unknown>) {
  return { logger: {}, next: vi.fn(), context: CONTEXT, ...args } as unknown as Parameters<F>[0];
}

/** The text of everything in `value` (blocks, views, messages), joined. */
export function textIn(value: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (typeof node === "string") out.push(node);
    else if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") Object.values(node).forEach(visit);
  };
  visit(value);
  return out.join("\n");
}

/** The `text` of a reply or message. */
export function textOf(message: unknown): string {
  return String((message as { text?: unknown } | undefined)?.text ?? "");
}
