/**
 * What every route of the sandbox shares: the emulator, the clock, the running app and how to reach it, the page's
 * strings; and the helpers that play Slack's servers (who is asking, where, what is on their screen, delivering a
 * signed request to the app and reading its acknowledgement).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AssistantApp } from "../../src/app.js";
import type { Locale } from "../../src/i18n/locale.js";
import { localeFromSlack } from "../../src/i18n/translator.js";
import type {
  EmulatorMessage,
  EmulatorUser,
  ResponseUrlBinding,
  SlackEmulator,
} from "../slack-emulator/index.js";
import {
  type SignedResponse,
  type SlackRequest,
  type SlackRequestContext,
  sendRequest,
} from "../slack-requests/index.js";
import type { SandboxClock } from "./clock.js";
import { isObject, PageError } from "./page-http.js";

type Json = Record<string, unknown>;

/** What the reminder sweep hook gets besides the sandbox time: the running app and the emulator. */
export interface SweepContext {
  assistant: AssistantApp;
  emulator: SlackEmulator;
}

/**
 * REMINDER SWEEP HOOK: runs one reminder sweep as of `now` (the sandbox clock). Pass one to startSandbox and the
 * page shows a "Run reminder sweep" button posting to /sandbox/sweep; without one the button stays hidden and the
 * endpoint answers 404. Whatever it returns is shown to the person as JSON.
 */
export type SandboxSweep = (now: Date, context: SweepContext) => unknown;

export type Strings = Record<Locale, Record<string, string>>;

export interface Session {
  emulator: SlackEmulator;
  assistant: AssistantApp;
  clock: SandboxClock;
  /** The app's origin, e.g. `http://127.0.0.1:54321`. */
  appBase: string;
  signingSecret: string;
  strings: Strings;
  sweep: SandboxSweep | undefined;
}

/** Slack gives an app 3 seconds to acknowledge; later, the person sees operation_timeout. */
const ACK_DEADLINE_MS = 3000;
export const REPO_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** The page's strings: the top-level "sandbox" key of each locale file. */
export function loadStrings(): Strings {
  const read = (locale: Locale): Record<string, string> => {
    const file = JSON.parse(readFileSync(join(REPO_DIR, "locales", `${locale}.json`), "utf8")) as Json;
    return (file.sandbox ?? {}) as Record<string, string>;
  };
  return { ja: read("ja"), en: read("en") };
}

function fill(message: string | undefined, params: Record<string, string>, key: string): string {
  return (message ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export const langOf = (user: EmulatorUser): Locale => localeFromSlack(user.locale);

/** A page string in the person's language, placeholders filled. */
export const say = (
  session: Session,
  user: EmulatorUser,
  key: string,
  params: Record<string, string> = {},
): string => fill(session.strings[langOf(user)][key], params, key);

export const dmOf = (userId: string): string => `D${userId.slice(1)}`;

export function userOf(session: Session, id: unknown): EmulatorUser {
  const user = session.emulator.users().find((u) => u.id === id);
  if (!user || user.deleted || user.isBot) throw new PageError(400, "unknown_user");
  return user;
}

/** A channel the person is in (or their DM with the app), with what a payload says about it. */
export function channelFor(
  session: Session,
  user: EmulatorUser,
  id: unknown,
): { id: string; name: string; isDm: boolean } {
  if (id === dmOf(user.id)) return { id: dmOf(user.id), name: "directmessage", isDm: true };
  const channel = session.emulator.channels().find((c) => c.id === id);
  if (!channel?.members.includes(user.id)) throw new PageError(400, "unknown_channel");
  return { id: channel.id, name: channel.name, isDm: false };
}

export const requestUser = (user: EmulatorUser) => ({ id: user.id, name: user.name });

/** The builders' context, with response_urls bound to where the interaction happened. */
export function contextFor({ emulator }: Session, binding: ResponseUrlBinding): SlackRequestContext {
  return {
    teamId: emulator.teamId,
    teamDomain: emulator.teamDomain,
    enterpriseId: emulator.enterpriseId,
    appId: emulator.appId,
    botUserId: emulator.botUserId,
    issueTriggerId: (opts) => emulator.issueTriggerId(opts),
    responseUrl: () => emulator.responseUrl(binding),
  };
}

/** Posts a signed request to the app; reports what Slack would show when the app fails or is late. */
export async function deliver(
  session: Session,
  request: SlackRequest<unknown>,
  source: string,
): Promise<SignedResponse> {
  const { emulator } = session;
  const started = Date.now();
  let response: SignedResponse;
  try {
    response = await sendRequest(session.appBase, request, { secret: session.signingSecret });
  } catch (error) {
    emulator.recordProblem({ source, error: "dispatch_failed", messages: [String(error)] });
    throw new PageError(502, "dispatch_failed");
  }
  const elapsed = Date.now() - started;
  if (response.status !== 200) {
    emulator.recordProblem({
      source,
      error: "dispatch_failed",
      messages: [`the app answered HTTP ${response.status}: ${response.body.slice(0, 300)}`],
    });
  } else if (elapsed > ACK_DEADLINE_MS) {
    emulator.recordProblem({
      source,
      error: "operation_timeout",
      messages: [`the app acknowledged after ${elapsed} ms; Slack waits ${ACK_DEADLINE_MS} ms`],
    });
  }
  return response;
}

/** The JSON body of the app's acknowledgement; undefined when empty, and a problem when it is no JSON object. */
export function parseAck(session: Session, response: SignedResponse, source: string): Json | undefined {
  const body = response.body.trim();
  if (body === "") return undefined;
  try {
    const parsed: unknown = JSON.parse(body);
    if (isObject(parsed)) return parsed;
  } catch {
    // reported below
  }
  session.emulator.recordProblem({ source, error: "invalid_ack", messages: [body.slice(0, 300)] });
  return undefined;
}

export function topView(session: Session, user: EmulatorUser, viewId: unknown): Json {
  const stack = session.emulator.modalStack(user.id);
  const top = stack.at(-1);
  if (!top || top.id !== viewId) throw new PageError(409, "view_not_on_screen");
  return top;
}

/** A view the person is looking at: their modal's top view or their App Home. */
export function viewOnScreen(session: Session, user: EmulatorUser, viewId: unknown): Json {
  const home = session.emulator.homeView(user.id);
  if (home && home.id === viewId) return home;
  return topView(session, user, viewId);
}

export function visibleMessage(
  session: Session,
  user: EmulatorUser,
  channel: string,
  ts: unknown,
): EmulatorMessage {
  const message = session.emulator
    .messages(channel)
    .find((m) => m.ts === ts && (!m.ephemeralTo || m.ephemeralTo === user.id));
  if (!message) throw new PageError(404, "message_not_found");
  return message;
}

/**
 * Whether the blocks hold an interactive element with this action_id (Slack sends actions for those only). A page
 * still showing a view the app has replaced meanwhile gets 409 stale_view.
 */
export function hasElement(blocks: unknown, actionId: string): boolean {
  const seen = JSON.stringify(blocks ?? []);
  return seen.includes(`"action_id":${JSON.stringify(actionId)}`);
}
