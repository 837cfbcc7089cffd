/**
 * The sandbox's Slack surfaces beyond channels and App Home: the Agents & AI Apps panel (open a thread, see the
 * prompts and the status, ask, read the answers) and a Workflow Builder step run (the step's inputs in, its
 * outputs or error out). Each route plays Slack's servers: it sends the signed event Slack would send and reads
 * back what the app told the emulator. The page side is public/surfaces.js.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Locale } from "../../src/i18n/locale.js";
import { STEP } from "../../src/slack/contract/ids.js";
import type { EmulatorMessage, EmulatorUser, SlackEmulator } from "../slack-emulator/index.js";
import type { SignedResponse, SlackRequest } from "../slack-requests/index.js";
import {
  assistantChannelOf,
  assistantMessage,
  assistantThreadContextChanged,
  assistantThreadStarted,
  functionExecuted,
} from "../surface-requests.js";
import type { SandboxClock } from "./clock.js";

type Json = Record<string, unknown>;

export interface SurfaceDeps {
  emulator: SlackEmulator;
  clock: SandboxClock;
  userOf(id: unknown): EmulatorUser;
  deliver(request: SlackRequest<unknown>, source: string): Promise<SignedResponse>;
  /** Throws the page error the server answers with (HTTP status and code). */
  fail(status: number, code: string): never;
}

/** How long a step run may take before the page is told it did not finish (Slack's own limit is far longer). */
const STEP_WAIT_MS = 10_000;
const REPO_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** The page's strings for these surfaces: `assistant.sandbox` of each locale file. */
function loadStrings(): Record<Locale, Json> {
  const read = (locale: Locale): Json => {
    const file = JSON.parse(readFileSync(join(REPO_DIR, "locales", `${locale}.json`), "utf8")) as Json;
    return ((file.assistant as Json | undefined)?.sandbox ?? {}) as Json;
  };
  return { ja: read("ja"), en: read("en") };
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const TS = /^\d{1,12}\.\d{1,8}$/;

/** The POST routes this module adds to the sandbox server. */
export function surfaceRoutes(deps: SurfaceDeps): Record<string, (body: Json) => Promise<Json>> {
  const { emulator, clock } = deps;
  const strings = loadStrings();
  let threads = 0;

  const threadTsOf = (body: Json): string => {
    const ts = body.threadTs;
    if (typeof ts !== "string" || !TS.test(ts)) deps.fail(400, "invalid_thread");
    return ts as string;
  };

  const messageJson = (m: EmulatorMessage): Json => ({
    ts: m.ts,
    author: m.user ? "user" : "bot",
    userId: m.user ?? null,
    text: m.text ?? "",
    blocks: m.blocks ?? null,
  });

  return {
    "/sandbox/surfaces/config": async () => ({ ok: true, strings }),

    /** The person opens the assistant panel: a new thread, viewing a channel. */
    "/sandbox/assistant/start": async (body) => {
      const user = deps.userOf(body.user);
      threads += 1;
      const threadTs = `${Math.floor(clock.now().getTime() / 1000)}.${String(900000 + threads)}`;
      const viewing =
        typeof body.viewing === "string" && /^C[A-Z0-9]+$/.test(body.viewing) ? body.viewing : undefined;
      const response = await deps.deliver(
        assistantThreadStarted(emulator, { user: user.id, threadTs, ...(viewing ? { viewing } : {}) }),
        "assistant_thread_started",
      );
      return { ok: response.status === 200, threadTs, channel: assistantChannelOf(user.id) };
    },

    /** The person switches channel with the panel open. */
    "/sandbox/assistant/context": async (body) => {
      const user = deps.userOf(body.user);
      const threadTs = threadTsOf(body);
      const viewing =
        typeof body.viewing === "string" && /^C[A-Z0-9]+$/.test(body.viewing) ? body.viewing : undefined;
      const response = await deps.deliver(
        assistantThreadContextChanged(emulator, { user: user.id, threadTs, ...(viewing ? { viewing } : {}) }),
        "assistant_thread_context_changed",
      );
      return { ok: response.status === 200 };
    },

    /** The person writes in the thread (or picks a prompt). */
    "/sandbox/assistant/ask": async (body) => {
      const user = deps.userOf(body.user);
      const threadTs = threadTsOf(body);
      const text = String(body.text ?? "").trim();
      if (text === "") deps.fail(400, "no_text");
      const channel = assistantChannelOf(user.id);
      const posted = emulator.postUserMessage({ channel, userId: user.id, text, threadTs });
      const response = await deps.deliver(
        assistantMessage(emulator, { user: user.id, threadTs, text, ts: posted.ts }),
        "message (assistant thread)",
      );
      return { ok: response.status === 200 };
    },

    /** What the panel shows: the thread's title, prompts and status, and its messages. */
    "/sandbox/assistant/state": async (body) => {
      const user = deps.userOf(body.user);
      const threadTs = threadTsOf(body);
      const channel = assistantChannelOf(user.id);
      const messages = emulator
        .messages(channel)
        .filter((m) => m.threadTs === threadTs && (!m.ephemeralTo || m.ephemeralTo === user.id))
        .map(messageJson);
      return {
        ok: true,
        revision: emulator.revision,
        channel,
        thread: emulator.assistantThread(channel, threadTs) ?? {},
        messages,
      };
    },

    /** A Workflow Builder step run with the inputs the form gave; answers with the outputs or the error. */
    "/sandbox/step/run": async (body) => {
      const user = deps.userOf(body.user);
      const callbackId = body.step;
      if (callbackId !== STEP.whatIsDue && callbackId !== STEP.recordAudit) deps.fail(400, "unknown_step");
      const inputs = isObject(body.inputs) ? { ...body.inputs } : {};
      // Workflow Builder fills "Recorded by" from the person who runs the workflow when the builder maps it so.
      if (callbackId === STEP.recordAudit && inputs.recorded_by === undefined) inputs.recorded_by = user.id;
      const execution = emulator.issueFunctionExecution(String(callbackId));
      const response = await deps.deliver(
        functionExecuted(emulator, execution, inputs),
        `function_executed (${callbackId})`,
      );
      if (response.status !== 200) return { ok: false, error: "dispatch_failed" };
      const until = Date.now() + STEP_WAIT_MS;
      while (Date.now() < until) {
        const result = emulator.functionExecution(execution.id)?.result;
        if (result) return { ok: true, result };
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { ok: false, error: "step_not_finished" };
    },
  };
}
