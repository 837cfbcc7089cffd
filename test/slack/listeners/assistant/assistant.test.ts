/**
 * The assistant panel's callbacks called directly with fake Bolt arguments: a question gets a status, a title
 * (first question of a thread only) and an answer with feedback buttons; a refused status does not stop the
 * answer; a failure is a sentence for the person; a new thread gets a greeting and prompts.
 */
import { describe, expect, it, vi } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { ACTION } from "../../../../src/slack/contract/ids.js";
import {
  assistantThreadStarted,
  assistantUserMessage,
  THREAD_TITLE_MAX,
} from "../../../../src/slack/listeners/assistant/assistant.js";
import { expectNoInternals } from "../../../support/commands.js";
import { argsFor, CONTEXT, fakeClient, internalError, MEMBER, TEAM_ID, textIn, useWorld } from "../fakes.js";

const en = createTranslator("en");
const CHANNEL = "D0MEMBER01";
const THREAD = "1764118800.000100";

const w = useWorld();

/** The panel's helpers (say, setStatus, …) as vi.fn()s writing to `log`, like the client's calls. */
function helpers(log: string[]) {
  const logged = (name: string) => vi.fn(async (..._args: unknown[]) => void log.push(name));
  return {
    say: logged("say"),
    setStatus: logged("setStatus"),
    setTitle: logged("setTitle"),
    setSuggestedPrompts: logged("setSuggestedPrompts"),
    saveThreadContext: logged("saveThreadContext"),
  };
}

function message(text: string, extra: Record<string, unknown> = {}) {
  const log: string[] = [];
  const client = fakeClient(log);
  const h = helpers(log);
  const event = {
    type: "message",
    channel: CHANNEL,
    channel_type: "im",
    user: MEMBER,
    text,
    ts: "1764118801.000200",
    thread_ts: THREAD,
    ...extra,
  };
  const body = { team_id: TEAM_ID, event };
  const callback = assistantUserMessage(w.services);
  const run = () =>
    callback(
      argsFor(callback, { ...h, client, context: CONTEXT, body, event, message: event, payload: event }),
    );
  return { log, ...h, run };
}

const said = (say: ReturnType<typeof helpers>["say"]) => textIn(say.mock.calls.at(-1)?.[0]);

describe("assistantUserMessage", () => {
  it("sets a status, titles the thread with the question, then answers with feedback buttons", async () => {
    const m = message("What is ISMAP-LIU?");
    await m.run();
    expect(m.setStatus).toHaveBeenCalledWith(en("assistant.status"));
    expect(m.setTitle).toHaveBeenCalledWith("What is ISMAP-LIU?");
    expect(m.say).toHaveBeenCalledTimes(1);
    expect(m.log.filter((name) => name !== "users.info")).toEqual(["setStatus", "setTitle", "say"]);
    expect(said(m.say)).toContain(ACTION.feedback);
    expect(w.errors).toEqual([]);
  });

  it("titles a thread once: a second question in it gets no new title", async () => {
    await message("What is ISMAP-LIU?").run();
    const second = message("Who audits us?");
    await second.run();
    expect(second.setTitle).not.toHaveBeenCalled();
    expect(second.say).toHaveBeenCalledTimes(1);
  });

  it("cuts a long question to the title's length", async () => {
    const m = message(`Please explain ${"the audit ".repeat(20)}`);
    await m.run();
    const title = String(m.setTitle.mock.calls[0]?.[0]);
    expect(title.length).toBeLessThanOrEqual(THREAD_TITLE_MAX);
    expect(title.startsWith("Please explain the audit")).toBe(true);
  });

  it("asks what to ask for an empty message, with no status", async () => {
    const m = message("   ");
    await m.run();
    expect(m.setStatus).not.toHaveBeenCalled();
    expect(said(m.say)).toContain(en("app.askWhat"));
  });

  it("ignores the bot's own messages", async () => {
    const m = message("an answer", { bot_id: "B0FAKEBOT1" });
    await m.run();
    expect(m.log).toEqual([]);
  });

  it("answers all the same when Slack refuses the status; the refusal is logged", async () => {
    const m = message("What is ISMAP-LIU?");
    m.setStatus.mockRejectedValueOnce(internalError());
    await m.run();
    expect(m.say).toHaveBeenCalledTimes(1);
    expect(said(m.say)).toContain(ACTION.feedback);
    expect(w.errors.join("\n")).toContain("assistant status");
  });

  it("turns a failure into a sentence for the person; the stack goes to the log only", async () => {
    w.services.newId = () => {
      throw internalError();
    };
    const m = message("What is ISMAP-LIU?");
    await m.run();
    const text = said(m.say);
    expect(text).toContain(en("errors.internal"));
    expect(text).not.toContain("SECRET");
    expectNoInternals(text);
    expect(w.errors.join("\n")).toContain("secret.ts");
  });

  it("does not throw when even the failure's reply cannot be sent", async () => {
    w.services.newId = () => {
      throw internalError();
    };
    const m = message("What is ISMAP-LIU?");
    m.say.mockRejectedValue(new Error("channel_not_found"));
    await expect(m.run()).resolves.toBeUndefined();
    expect(w.errors.join("\n")).toContain("assistant reply");
  });
});

describe("assistantThreadStarted", () => {
  function started() {
    const log: string[] = [];
    const client = fakeClient(log);
    const h = helpers(log);
    const event = {
      type: "assistant_thread_started",
      assistant_thread: { user_id: MEMBER, channel_id: CHANNEL, thread_ts: THREAD, context: {} },
      event_ts: THREAD,
    };
    const body = { team_id: TEAM_ID, event };
    const callback = assistantThreadStarted(w.services);
    const run = () =>
      callback(argsFor(callback, { ...h, client, context: CONTEXT, body, event, payload: event }));
    return { log, ...h, run };
  }

  it("saves the thread's context, greets a team without dates and offers prompts, in the person's language", async () => {
    const s = started();
    await s.run();
    expect(s.saveThreadContext).toHaveBeenCalledTimes(1);
    expect(said(s.say)).toBe(en("assistant.greetingNoProfile"));
    const prompts = s.setSuggestedPrompts.mock.calls[0]?.[0] as { title: string; prompts: unknown[] };
    expect(prompts.title).toBe(en("assistant.promptsTitle"));
    expect(prompts.prompts.length).toBeGreaterThan(0);
  });

  it("logs a failure and says nothing", async () => {
    const s = started();
    s.saveThreadContext.mockRejectedValueOnce(internalError());
    await expect(s.run()).resolves.toBeUndefined();
    expect(s.say).not.toHaveBeenCalled();
    expect(w.errors.join("\n")).toContain("assistant thread started");
  });
});
