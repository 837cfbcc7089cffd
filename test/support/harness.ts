/**
 * The real app in HTTP mode on a loopback port, talking to a fake Slack Web API, with a clock the test controls.
 * Requests are signed exactly as Slack signs them.
 */

import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";
import {
  DEFAULT_IDS,
  type EmulatorCall,
  type SlackEmulator,
  type SlackEmulatorOptions,
  startSlackEmulator,
} from "../../dev/slack-emulator/index.js";
import {
  type SignedResponse,
  type SlackRequest,
  sendRequest,
  slashCommand,
} from "../../dev/slack-requests/index.js";
import { type AssistantApp, createAssistantApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import type { Store } from "../../src/store/store.js";

export const SIGNING_SECRET = "integration-test-signing-secret";

/** OAuth (many workspaces) with made-up client credentials, as the OAuth tests install against the fake Slack. */
export const OAUTH_TEST_AUTH: Config["auth"] = {
  kind: "oauth",
  clientId: "1111.2222",
  clientSecret: "fake-client-secret",
  stateSecret: "fake-state-secret",
};

/** The app's configuration in tests: HTTP on a loopback port signed with SIGNING_SECRET, a memory store, quiet. */
export function testConfig(
  slackApiUrl: string,
  auth: Config["auth"],
  overrides: Partial<Config> = {},
): Config {
  return {
    transport: { kind: "http", signingSecret: SIGNING_SECRET, port: 0, host: "127.0.0.1" },
    auth,
    slackApiUrl,
    storeUrl: "memory://",
    rulesDir: "rules",
    logLevel: "error",
    ...overrides,
  };
}

export interface Harness {
  fake: SlackEmulator;
  assistant: AssistantApp;
  baseUrl: string;
  /** The app's clock; set it to move time. */
  now: Date;
  send(request: SlackRequest<unknown>): Promise<SignedResponse>;
  /** Sends `/ismap <text>` as `userId` and waits for the reply posted to its response_url. */
  command(text: string, userId?: string): Promise<{ response: SignedResponse; reply: EmulatorCall }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  storeUrl?: string;
  /** Config.answerCacheSeconds (default: the app's). */
  answerCacheSeconds?: number;
  /** An open store to use instead of `storeUrl` (e.g. a Redis namespace shared by two harnesses); closed by close(). */
  store?: Store;
  now?: string;
  fake?: SlackEmulatorOptions;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startSlackEmulator(options.fake);
  const config = testConfig(
    fake.url,
    { kind: "token", botToken: fake.botToken },
    {
      storeUrl: options.storeUrl ?? "memory://",
      ...(options.answerCacheSeconds !== undefined ? { answerCacheSeconds: options.answerCacheSeconds } : {}),
    },
  );
  const harness = {
    fake,
    now: new Date(options.now ?? "2026-11-26T10:00:00+09:00"),
  } as Harness;
  // The reminder sweeper is driven by hand in tests (assistant.sweeper.sweepOnce), never by a timer.
  const assistant = createAssistantApp({
    config,
    clock: () => harness.now,
    sweepIntervalMs: 0,
    ...(options.store ? { store: options.store } : {}),
  });
  const { port } = await assistant.start();
  Object.assign(harness, {
    assistant,
    baseUrl: `http://127.0.0.1:${port}`,
    send: (request: SlackRequest<unknown>) =>
      sendRequest(harness.baseUrl, request, { secret: SIGNING_SECRET }),
    async command(text: string, userId?: string) {
      const request = slashCommand(fake, { text, ...(userId ? { user_id: userId } : {}) });
      const url = (request.payload as { response_url: string }).response_url;
      const response = await harness.send(request);
      const reply = await fake.waitForCall("response_url", (call) => url.endsWith(call.path), 5000);
      return { response, reply };
    },
    async close() {
      await assistant.stop();
      await fake.close();
    },
  });
  return harness;
}

export interface UseHarnessOptions extends HarnessOptions {
  /** After each test, before closing: no view or message the app sent was refused by the fake as `invalid_blocks`. */
  expectValidBlocks?: boolean;
}

/**
 * A fresh harness for each test of the enclosing describe (or file): started in beforeEach, closed in afterEach.
 * The returned object stands for the current test's harness (reads and writes go to it), so a file can declare
 * `const h = useHarness()` once at the top and use `h` in its tests and helpers as if it were the harness itself.
 */
export function useHarness(options: UseHarnessOptions = {}): Harness {
  const { expectValidBlocks, ...harnessOptions } = options;
  let current: Harness | undefined;
  beforeEach(async () => {
    current = await startHarness(harnessOptions);
  });
  afterEach(async () => {
    const h = current;
    current = undefined;
    if (!h) return;
    try {
      if (expectValidBlocks) {
        const refused = h.fake.calls.filter(
          (c) => (c.response as { error?: unknown } | undefined)?.error === "invalid_blocks",
        );
        expect(refused.map((c) => c.method)).toEqual([]);
      }
    } finally {
      await h.close();
    }
  });
  return standIn("useHarness", () => current);
}

/**
 * One Slack emulator for the tests of the enclosing describe (or file): started before them, closed after them,
 * and reset (calls, messages, faults) before each test. Returned as a stand-in like useHarness's.
 */
export function useEmulator(options: SlackEmulatorOptions = {}): SlackEmulator {
  let current: SlackEmulator | undefined;
  beforeAll(async () => {
    current = await startSlackEmulator(options);
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  beforeEach(() => {
    current?.reset();
  });
  return standIn("useEmulator", () => current);
}

/** An object whose property reads and writes go to what `current()` returns, which must exist by then. */
function standIn<T extends object>(owner: string, current: () => T | undefined): T {
  const target = (): T => {
    const value = current();
    if (!value) throw new Error(`${owner}: it exists only while the tests it was declared for run`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_target, key) => {
      const object = target();
      const value: unknown = Reflect.get(object, key);
      // Methods run on the object itself, so that `this` inside them (and any private field) is the real one.
      return typeof value === "function" ? value.bind(object) : value;
    },
    set: (_target, key, value) => Reflect.set(target(), key, value),
  });
}

/**
 * Saves a registered team through the app's own profile repository (revision 1, by the workspace admin), so the
 * obligations timeline has dated obligations; `audits` adds recorded audits.
 */
export async function saveRegisteredTeam(
  h: Harness,
  period: { start: string; end: string } = { start: "2024-04-01", end: "2025-03-31" },
  audits?: ServiceProfile["audits"],
): Promise<ServiceProfile> {
  const team = { teamId: h.fake.teamId };
  const saved = await h.assistant.services.profiles.save(team, {
    baseRevision: 0,
    actor: DEFAULT_IDS.admin,
    at: h.now,
    update: (p: ServiceProfile) => ({
      ...p,
      registration: {
        status: "registered",
        registeredOn: "2025-02-01",
        auditPeriodStart: period.start,
        auditPeriodEnd: period.end,
      },
      ...(audits ? { audits } : {}),
    }),
  });
  expect(saved.ok).toBe(true);
  return (await h.assistant.services.profiles.get(team)).profile;
}
