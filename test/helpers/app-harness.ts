/**
 * The real app in HTTP mode on a loopback port, talking to a fake Slack Web API, with a clock the test controls.
 * Requests are signed exactly as Slack signs them.
 */

import {
  type EmulatorCall,
  type SlackEmulator,
  type SlackEmulatorOptions,
  startSlackEmulator,
} from "../../dev/slack-emulator.js";
import {
  type SignedResponse,
  type SlackRequest,
  sendRequest,
  slashCommand,
} from "../../dev/slack-requests.js";
import { type AssistantApp, createAssistantApp } from "../../src/app.js";
import type { Config } from "../../src/config.js";
import type { Store } from "../../src/store/keyv-factory.js";

export const SIGNING_SECRET = "integration-test-signing-secret";

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
  const config: Config = {
    transport: { kind: "http", signingSecret: SIGNING_SECRET, port: 0, host: "127.0.0.1" },
    auth: { kind: "token", botToken: fake.botToken },
    slackApiUrl: fake.url,
    storeUrl: options.storeUrl ?? "memory://",
    rulesDir: "rules",
    logLevel: "error",
    ...(options.answerCacheSeconds !== undefined ? { answerCacheSeconds: options.answerCacheSeconds } : {}),
  };
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
