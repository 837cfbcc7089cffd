/**
 * The app as an operator starts it, from a folder holding a `.env`: the file fills in missing settings without
 * overriding the environment, logs are one JSON object per line in production, and /healthz answers on PORT.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import { freePort } from "../support/process.js";

describe("production start from a folder with .env", () => {
  let fake: SlackEmulator;
  let child: ChildProcess;
  let output = "";
  let port: number;
  let exited: Promise<number | null>;

  beforeAll(async () => {
    fake = await startSlackEmulator();
    port = await freePort();
    const dir = mkdtempSync(join(tmpdir(), "ismap-ops-"));
    // The file names a wrong port and a wrong token: the environment's values must win over both.
    writeFileSync(
      join(dir, ".env"),
      [
        "SLACK_BOT_TOKEN=xoxb-from-the-file-must-not-win",
        "SLACK_SIGNING_SECRET=from-the-file",
        "PORT=1",
        `STORE_URL=sqlite://${join(dir, "ismap.sqlite")}`,
        "",
      ].join("\n"),
    );
    const repo = resolve(import.meta.dirname, "../..");
    child = spawn(process.execPath, ["--import", import.meta.resolve("tsx"), join(repo, "src/index.ts")], {
      cwd: dir,
      env: {
        PATH: process.env.PATH ?? "",
        NODE_ENV: "production",
        SLACK_BOT_TOKEN: fake.botToken,
        SLACK_API_URL: fake.url,
        PORT: String(port),
        RULES_DIR: join(repo, "rules"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    child.stderr?.on("data", (d) => {
      output += String(d);
    });
    exited = new Promise((done) => child.on("exit", (code) => done(code)));
    const deadline = Date.now() + 20_000;
    while (!output.includes("listening")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }, 30_000);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await fake?.close();
  });

  it("listens on the environment's PORT with the environment's token, and /healthz, /readyz answer 200", async () => {
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    // auth.test was called with the environment's token: the file's would have been refused.
    expect(fake.callsTo("auth.test").every((call) => call.token === fake.botToken)).toBe(true);
  });

  it("writes one JSON object per line, with level, time and message", async () => {
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = output.trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      expect(typeof entry.level).toBe("number");
      expect(typeof entry.time).toBe("number");
      expect(typeof entry.msg).toBe("string");
    }
    expect(output).toContain("shutting down");
  });
});
