/**
 * The emulator's assistant and custom-step methods: what the panel shows (status, title, prompts) as Slack keeps
 * it, the status cleared by the app's reply in the thread, and step runs finished with their own workflow token.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "../../../dev/slack-emulator/index.js";
import { useEmulator } from "../../support/harness.js";

type Json = Record<string, unknown>;

const emulator = useEmulator();

async function api(method: string, body: Json, token = emulator.botToken): Promise<Json> {
  const response = await fetch(`${emulator.url}${method}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Json;
}

const dm = `D${DEFAULT_IDS.member.slice(1)}`;
const thread = { channel_id: dm, thread_ts: "1764118800.000100" };

describe("assistant.threads.*", () => {
  it("keeps the status, title and prompts of a thread; the app's reply in the thread clears the status", async () => {
    expect(await api("assistant.threads.setStatus", { ...thread, status: "is thinking…" })).toEqual({
      ok: true,
    });
    expect(await api("assistant.threads.setTitle", { ...thread, title: "次の監査" })).toEqual({ ok: true });
    const prompts = [{ title: "A", message: "a?" }];
    expect(await api("assistant.threads.setSuggestedPrompts", { ...thread, title: "Try", prompts })).toEqual({
      ok: true,
    });
    expect(emulator.assistantThread(dm, thread.thread_ts)).toEqual({
      status: "is thinking…",
      title: "次の監査",
      prompts,
      promptsTitle: "Try",
    });
    await api("chat.postMessage", { channel: dm, thread_ts: thread.thread_ts, text: "answer" });
    expect(emulator.assistantThread(dm, thread.thread_ts)?.status).toBe("");
  });

  it("refuses what Slack refuses: no thread, more than four prompts, no status", async () => {
    expect(await api("assistant.threads.setStatus", { channel_id: dm, status: "x" })).toMatchObject({
      ok: false,
    });
    expect(await api("assistant.threads.setStatus", thread)).toEqual({
      ok: false,
      error: "invalid_arguments",
    });
    const five = Array.from({ length: 5 }, (_, i) => ({ title: `${i}`, message: `${i}` }));
    expect(await api("assistant.threads.setSuggestedPrompts", { ...thread, prompts: five })).toEqual({
      ok: false,
      error: "invalid_arguments",
    });
  });
});

describe("functions.completeSuccess / completeError", () => {
  it("record how a run finished, with the run's own workflow token", async () => {
    const run = emulator.issueFunctionExecution("ismap_what_is_due");
    expect(run.token).toMatch(/^xwfp-/);
    const done = await api(
      "functions.completeSuccess",
      { function_execution_id: run.id, outputs: { count: 2, list: "a\nb" } },
      run.token,
    );
    expect(done).toEqual({ ok: true });
    expect(emulator.functionExecution(run.id)?.result).toEqual({
      ok: true,
      outputs: { count: 2, list: "a\nb" },
    });

    const other = emulator.issueFunctionExecution("ismap_record_audit");
    await api("functions.completeError", { function_execution_id: other.id, error: "bad date" }, other.token);
    expect(emulator.functionExecution(other.id)?.result).toEqual({ ok: false, error: "bad date" });
  });

  it("refuses an unknown run and an unknown token", async () => {
    expect(await api("functions.completeSuccess", { function_execution_id: "Fx0", outputs: {} })).toEqual({
      ok: false,
      error: "invalid_arguments",
    });
    const run = emulator.issueFunctionExecution("ismap_what_is_due");
    expect(
      await api("functions.completeError", { function_execution_id: run.id, error: "x" }, "xwfp-forged"),
    ).toEqual({
      ok: false,
      error: "invalid_auth",
    });
  });
});
