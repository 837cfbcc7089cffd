/**
 * The sandbox server without a browser: its JSON endpoints, the real app behind them answering only signed
 * requests, the guards of a loopback development tool, the clock, and the reminder sweep hook.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type Sandbox, type SandboxSweep, startSandbox } from "../../../dev/sandbox/server.js";
import { SANDBOX_IDS } from "../../../dev/sandbox/workspace.js";

type Json = Record<string, unknown>;

let sandbox: Sandbox;
let dataDir: string;
const sweep = vi.fn<SandboxSweep>(async (now) => ({ checked: 3, at: now.toISOString() }));

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "ismap-sandbox-server-"));
  sandbox = await startSandbox({
    port: 0,
    dataDir,
    clock: "2025-03-31T10:00:00+09:00",
    sweep,
    logLevel: "error",
  });
});
afterAll(async () => {
  await sandbox?.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function call(path: string, body?: Json): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${sandbox.url}${path.slice(1)}`, {
    method: body ? "POST" : "GET",
    headers: body ? { "content-type": "application/json" } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, json: (await response.json().catch(() => ({}))) as Json };
}

async function state(user: string, channel?: string): Promise<Json> {
  const query = new URLSearchParams({ user, ...(channel ? { channel } : {}) });
  return (await call(`/sandbox/state?${query}`)).json;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("the sandbox server", () => {
  it("listens on loopback and says where the page, the app and the store are", () => {
    expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(sandbox.appUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);
    expect(sandbox.storeDescription).toContain(dataDir);
  });

  it("describes the workspace and serves the page's strings in both languages", async () => {
    const { json } = await call("/sandbox/config");
    const users = json.users as Json[];
    expect(users.map((u) => [u.name, u.locale, u.isAdmin])).toEqual([
      ["aiko", "ja", true],
      ["oscar", "en", true],
      ["mei", "ja", false],
      ["sam", "en", false],
    ]);
    expect(json.sweep).toBe(true);
    const strings = json.strings as { ja: Json; en: Json };
    expect(Object.keys(strings.en).sort()).toEqual(Object.keys(strings.ja).sort());
    expect(strings.en.title).toBe("ISMAP-LIU sandbox");
  });

  it("serves the page and its assets, nothing else", async () => {
    const page = await fetch(sandbox.url);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/assets/sandbox.js");
    for (const asset of ["sandbox.js", "blockkit.js", "style.css", "gallery.html"]) {
      expect((await fetch(`${sandbox.url}assets/${asset}`)).status).toBe(200);
    }
    expect((await fetch(`${sandbox.url}assets/..%2Fserver.ts`)).status).toBe(404);
    expect((await fetch(`${sandbox.url}assets/missing.js`)).status).toBe(404);
  });

  it("answers only requests addressed to loopback, and JSON posts only", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        `${sandbox.url}sandbox/config`,
        { headers: { host: "attacker.example:80" } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(403);
    const form = await fetch(`${sandbox.url}sandbox/command`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "user=U0AIKO0001&text=/ismap%20help",
    });
    expect(form.status).toBe(415);
    expect(
      (await call("/sandbox/command", { user: "U0NOBODY01", channel: SANDBOX_IDS.general, text: "/ismap" }))
        .status,
    ).toBe(400);
  });

  it("the app behind it checks Slack's signature", async () => {
    const unsigned = await fetch(sandbox.appUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "command=%2Fismap&text=help",
    });
    expect(unsigned.status).toBe(401);
  });

  it("delivers a command as Slack would: the answer is shown to the asker only", async () => {
    const sent = await call("/sandbox/command", {
      user: SANDBOX_IDS.member,
      channel: SANDBOX_IDS.general,
      text: "/ismap help",
    });
    expect(sent.json).toEqual({ ok: true });
    const mine = await until(
      () => state(SANDBOX_IDS.member, SANDBOX_IDS.general),
      (s) => (s.messages as Json[]).length > 0,
    );
    const [answer] = mine.messages as Json[];
    expect(answer).toMatchObject({ author: "bot", ephemeral: true });
    expect(JSON.stringify(answer?.blocks)).toContain("/ismap");
    const theirs = await state(SANDBOX_IDS.admin, SANDBOX_IDS.general);
    expect(theirs.messages).toEqual([]);
    // Only members see a channel.
    expect(
      (await call(`/sandbox/state?user=${SANDBOX_IDS.member}&channel=${SANDBOX_IDS.compliance}`)).status,
    ).toBe(400);
  });

  it("asks the app's options handler for an external select's options", async () => {
    await call("/sandbox/command", {
      user: SANDBOX_IDS.admin,
      channel: SANDBOX_IDS.general,
      text: "/ismap record",
    });
    const withModal = await until(
      () => state(SANDBOX_IDS.admin),
      (s) => (s.modal as Json[]).some((v) => v.callback_id === "record_audit_modal"),
    );
    const view = (withModal.modal as Json[]).at(-1) as Json;
    const { json } = await call("/sandbox/options", {
      user: SANDBOX_IDS.admin,
      viewId: view.id,
      blockId: "record_objectives",
      actionId: "objective_select",
      value: "5.1.1",
    });
    const options = json.options as Array<{ value: string }>;
    expect(options[0]?.value).toBe("5.1.1");
    const closed = await call("/sandbox/close", { user: SANDBOX_IDS.admin, viewId: view.id, all: true });
    expect(closed.json).toEqual({ ok: true, closed: 1 });
  });

  it("moves its clock forward, to an instant, and back to the real time", async () => {
    const start = new Date((await call("/sandbox/clock")).json.now as string);
    expect(start.toISOString().slice(0, 10)).toBe("2025-03-31");
    const later = new Date((await call("/sandbox/clock", { days: 1 })).json.now as string);
    expect(later.getTime() - start.getTime()).toBeGreaterThanOrEqual(86_400_000);
    expect(later.getTime() - start.getTime()).toBeLessThan(86_400_000 + 60_000);
    const set = await call("/sandbox/clock", { set: "2030-01-01T09:00:00+09:00" });
    expect((set.json.now as string).slice(0, 16)).toBe("2030-01-01T00:00");
    expect(sandbox.assistant.services.clock().getUTCFullYear()).toBe(2030);
    const reset = await call("/sandbox/clock", { reset: true });
    expect(Math.abs(new Date(reset.json.now as string).getTime() - Date.now())).toBeLessThan(5_000);
    expect((await call("/sandbox/clock", { set: "soon" })).status).toBe(400);
    await call("/sandbox/clock", { set: "2025-03-31T10:00:00+09:00" });
  });

  it("runs the reminder sweep hook with the sandbox time", async () => {
    sweep.mockClear();
    const { json } = await call("/sandbox/sweep", {});
    expect(json).toMatchObject({ ok: true, result: { checked: 3 } });
    expect(sweep).toHaveBeenCalledTimes(1);
    const [now, context] = sweep.mock.calls[0] ?? [];
    expect(now?.toISOString().slice(0, 10)).toBe("2025-03-31");
    expect(context?.emulator).toBe(sandbox.emulator);
    expect(context?.assistant).toBe(sandbox.assistant);
  });
});

describe("a sandbox without a sweep hook", () => {
  it("hides the button and answers 404 on /sandbox/sweep", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ismap-sandbox-nosweep-"));
    const other = await startSandbox({ port: 0, dataDir: dir, logLevel: "error" });
    try {
      const config = (await (await fetch(`${other.url}sandbox/config`)).json()) as Json;
      expect(config.sweep).toBe(false);
      const response = await fetch(`${other.url}sandbox/sweep`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ ok: false, error: "no_sweep" });
    } finally {
      await other.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to listen anywhere but loopback", async () => {
    await expect(startSandbox({ host: "0.0.0.0", port: 0 })).rejects.toThrow(/loopback only/);
  });
});
