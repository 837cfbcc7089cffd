/**
 * Small helpers for the integration tests of commands, share, events and signatures: reading replies the app
 * posted to the fake Slack, and starting the app in OAuth mode over a memory store.
 */
import type { Installation } from "@slack/bolt";
import { expect } from "vitest";
import { assertValidSurface } from "../../dev/blockkit/validate.js";
import {
  DEFAULT_IDS,
  type EmulatorCall,
  type SlackEmulator,
  startSlackEmulator,
} from "../../dev/slack-emulator/index.js";
import {
  blockActions,
  type SignedResponse,
  type SlackRequest,
  type SlackRequestContext,
  sendRequest,
} from "../../dev/slack-requests/index.js";
import { type AssistantApp, createAssistantApp } from "../../src/app.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import { OAUTH_TEST_AUTH, SIGNING_SECRET, testConfig } from "./harness.js";

type Json = Record<string, unknown>;

/** A press of the Share button under the answer to `/ismap <cmd> <args>`, as Slack sends it. */
export function shareClick(
  ctx: SlackRequestContext,
  answer: { cmd: string; args: string },
): SlackRequest<unknown> {
  return blockActions(ctx, {
    actions: [
      {
        action_id: ACTION.share,
        block_id: "share",
        type: "button",
        value: JSON.stringify(answer),
      },
    ],
  });
}

/** The blocks of a posted message (response_url post or chat.postMessage arguments). */
export function blocksOf(body: Json): Json[] {
  return Array.isArray(body.blocks) ? (body.blocks as Json[]) : [];
}

/** Every `text` string anywhere in a value (blocks, text objects, fields), in document order. */
export function textsIn(value: unknown): string[] {
  if (typeof value === "string") return [];
  if (Array.isArray(value)) return value.flatMap(textsIn);
  if (typeof value !== "object" || value === null) return [];
  const out: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === "text" && typeof inner === "string") out.push(inner);
    else out.push(...textsIn(inner));
  }
  return out;
}

/** The message's fallback text and every text in its blocks, joined: what a person can read. */
export function readable(body: Json): string {
  return [typeof body.text === "string" ? body.text : "", ...textsIn(blocksOf(body))].join("\n");
}

/** The value of the message's share button, or undefined when it has none. */
export function shareButtonValue(body: Json): string | undefined {
  for (const block of blocksOf(body)) {
    if (block.type !== "actions") continue;
    for (const element of (block.elements as Json[] | undefined) ?? []) {
      if (element.action_id === ACTION.share) return element.value as string;
    }
  }
  return undefined;
}

/** Checks a message against Slack's Block Kit limits; throws listing the problems. */
export function expectValidMessage(body: Json): void {
  assertValidSurface({ type: "message", text: body.text, blocks: body.blocks });
}

/**
 * What every `/ismap` reply must be: private to the person, not replacing anything, valid Block Kit, and (unless
 * `share` is false) ending with a share button whose value is JSON `{cmd, args}`.
 */
export function expectEphemeralReply(reply: EmulatorCall, options: { share?: boolean } = {}): Json {
  const body = reply.body;
  expect(body.response_type).toBe("ephemeral");
  expect(body.replace_original).not.toBe(true);
  expect(typeof body.text).toBe("string");
  expect((body.text as string).length).toBeGreaterThan(0);
  expectValidMessage(body);
  expect(reply.response).toEqual({ ok: true });
  const value = shareButtonValue(body);
  if (options.share === false) {
    expect(value).toBeUndefined();
  } else {
    expect(value).toBeDefined();
    expect(() => JSON.parse(value as string)).not.toThrow();
  }
  return body;
}

/** Nothing a person reads should look like a stack trace or an internal error name. */
export function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\n\s+at \S/);
  expect(text).not.toMatch(/Error:|StoreUnavailable|ECONNREFUSED|redis:\/\/|node_modules|\.ts:\d+/);
}

/** Calls the fake received, leaving out the app's own start-up check (auth.test). */
export function appCalls(fake: SlackEmulator): EmulatorCall[] {
  return fake.calls.filter((call) => call.method !== "auth.test");
}

/** A workspace installation of the app in the fake's team, with the fake's bot token. */
export function fakeInstallation(fake: SlackEmulator): Installation<"v2", false> {
  return {
    team: { id: fake.teamId, name: "ISMAP Test Team" },
    enterprise: undefined,
    user: { id: DEFAULT_IDS.owner, token: undefined, scopes: undefined },
    bot: {
      token: fake.botToken,
      scopes: ["commands", "chat:write"],
      id: fake.botId,
      userId: fake.botUserId,
    },
    appId: fake.appId,
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
  };
}

export interface OAuthApp {
  fake: SlackEmulator;
  assistant: AssistantApp;
  send(request: SlackRequest<unknown>): Promise<SignedResponse>;
  close(): Promise<void>;
}

/** The real app with OAuth (many workspaces) over HTTP on a loopback port, a memory store and a fake Slack. */
export async function startOAuthApp(): Promise<OAuthApp> {
  const fake = await startSlackEmulator();
  const config = testConfig(fake.url, OAUTH_TEST_AUTH);
  const assistant = createAssistantApp({ config, clock: () => new Date("2026-11-26T10:00:00+09:00") });
  let port: number | undefined;
  try {
    ({ port } = await assistant.start());
  } catch (error) {
    await fake.close();
    throw error;
  }
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    fake,
    assistant,
    send: (request) => sendRequest(baseUrl, request, { secret: SIGNING_SECRET }),
    async close() {
      await assistant.stop();
      await fake.close();
    },
  };
}
