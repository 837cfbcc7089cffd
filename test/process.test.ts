/**
 * The app as an operator runs it: `src/index.ts` in its own process, configured only through the environment,
 * answering signed requests from Slack (here a fake Web API on loopback) and stopping cleanly on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../dev/slack-emulator/index.js";
import { sendRequest, slashCommand } from "../dev/slack-requests/index.js";
import { freePort } from "./support/process.js";

const SECRET = "process-test-secret";

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d) => {
    output += String(d);
  });
  child.stderr?.on("data", (d) => {
    output += String(d);
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(condition: () => boolean, what: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting; output so far:\n${what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("npm start: configuration errors", () => {
  it("with nothing configured says how to configure Slack and exits 1", async () => {
    const r = run({});
    expect(await r.exited).toBe(1);
    expect(r.output()).toContain("Slack is not configured");
    expect(r.output()).toContain("SLACK_BOT_TOKEN");
    expect(r.output().trim().split("\n")).toHaveLength(1);
  });

  it("names a bad setting in one line and exits 1", async () => {
    const r = run({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", PORT: "99999" });
    expect(await r.exited).toBe(1);
    expect(r.output().trim()).toMatch(/^config error: PORT: /);
    expect(r.output().trim().split("\n")).toHaveLength(1);
  });

  it("refuses to start on bad rules data, naming the problem", async () => {
    const r = run({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", RULES_DIR: "/nonexistent-rules" });
    expect(await r.exited).toBe(1);
    expect(r.output()).toContain("rules");
    expect(r.output()).not.toMatch(/\n\s+at /);
  });
});

describe("npm start: serving /slack/events", () => {
  let fake: SlackEmulator;
  let app: Run;
  let port: number;

  beforeAll(async () => {
    fake = await startSlackEmulator();
    port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "ismap-process-"));
    app = run({
      SLACK_BOT_TOKEN: fake.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: fake.url,
      PORT: String(port),
      STORE_URL: `sqlite://${join(dir, "ismap.sqlite")}`,
    });
    await waitFor(() => app.output().includes("listening"), app.output);
  });

  afterAll(async () => {
    if (app.child.exitCode === null) app.child.kill("SIGKILL");
    await fake.close();
  });

  it("answers a signed /ismap command with only the four documented settings", async () => {
    const request = slashCommand(fake, { text: "special" });
    const response = await sendRequest(`http://127.0.0.1:${port}`, request, { secret: SECRET });
    expect(response.status).toBe(200);
    const reply = await fake.waitForCall("response_url", undefined, 10_000);
    expect(JSON.stringify(reply.body)).toContain("受付");
  });

  it("rejects an unsigned request with 401", async () => {
    const request = slashCommand(fake, { text: "help" });
    const response = await sendRequest(`http://127.0.0.1:${port}`, request, { secret: "wrong-secret" });
    expect(response.status).toBe(401);
  });

  it("shuts down cleanly on SIGTERM", async () => {
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
    expect(app.output()).toContain("shutting down");
  });
});
