/**
 * kill -9 of the app process (`node --import tsx src/index.ts`) while people's writes (`/ismap lang en`) are in
 * flight; then the app is started again on the same store. Every write the app had confirmed to its person (the
 * reply saying so reached Slack) must still be there: on the same SQLite file, and on a private Redis with AOF and
 * appendfsync always (killed with -9 at the same moment and started again from its append-only file).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import { sendRequest, slashCommand } from "../../dev/slack-requests/index.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { PreferencesRepository } from "../../src/profile/preferences.js";
import { openStore } from "../../src/store/keyv-factory.js";
import { freePort } from "../support/process.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { reliabilityIt, type Tally } from "../support/reliability/tally.js";

const CATEGORY = "Restart";
const SECRET = "restart-test-secret";
const en = createTranslator("en");

let fake: SlackEmulator | undefined;
let redis: RedisServer | undefined;
let dir: string | undefined;
const children: ChildProcess[] = [];
afterEach(async () => {
  for (const child of children.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await fake?.close();
  await redis?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
  fake = undefined;
  redis = undefined;
  dir = undefined;
});

/**
 * Starts the app as an operator does; resolves once its `/readyz` answers 200 (what an orchestrator waits for; the
 * start line is an info log, which LOG_LEVEL=error leaves out).
 */
async function startApp(storeUrl: string, port: number): Promise<ChildProcess> {
  const f = fake as SlackEmulator;
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    env: {
      PATH: process.env.PATH ?? "",
      SLACK_BOT_TOKEN: f.botToken,
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: f.url,
      PORT: String(port),
      STORE_URL: storeUrl,
      LOG_LEVEL: "error",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString("utf8");
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  let exited: string | undefined;
  child.once("exit", (code, signal) => {
    exited = String(code ?? signal);
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exited !== undefined) throw new Error(`the app exited (${exited}) before it was ready:\n${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) return child;
    if (Date.now() > deadline) throw new Error(`the app was not ready within 20 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Sends `/ismap lang en` as new people, `inFlight` writes at a time (each worker waits for its reply before the
 * next), until `stop()`; returns the people whose reply confirming the change reached Slack.
 */
function writeLoad(port: number, inFlight: number): { stop(): Promise<string[]>; confirmedSoFar(): number } {
  const f = fake as SlackEmulator;
  const userByPath = new Map<string, string>();
  let stopped = false;
  let n = 0;
  const worker = async () => {
    while (!stopped) {
      const user = `U0KILL${String(n++).padStart(5, "0")}`;
      const request = slashCommand(f, { text: "lang en", user_id: user });
      userByPath.set(new URL(request.payload.response_url).pathname, user);
      const path = new URL(request.payload.response_url).pathname;
      const sent = await sendRequest(`http://127.0.0.1:${port}`, request, { secret: SECRET }).catch(
        () => undefined,
      );
      // Each worker keeps one write in flight: the next goes when this one is answered (or the app is gone).
      if (sent?.status === 200)
        await f.waitForCall("response_url", (c) => c.path === path, 3_000).catch(() => undefined);
    }
  };
  const workers = Array.from({ length: inFlight }, worker);
  const confirmed = () =>
    f
      .callsTo("response_url")
      .filter((c) => String(c.body.text ?? "").includes(en("app.langSet")))
      .map((c) => userByPath.get(c.path))
      .filter((u): u is string => u !== undefined);
  return {
    confirmedSoFar: () => confirmed().length,
    async stop() {
      stopped = true;
      await Promise.all(workers);
      return [...new Set(confirmed())];
    },
  };
}

async function killDuringWrites(
  tally: Tally,
  label: string,
  storeUrl: string,
  alsoKill?: () => Promise<void>,
  restart?: () => Promise<void>,
): Promise<void> {
  const port = await freePort();
  const app = await startApp(storeUrl, port);
  const load = writeLoad(port, 12);
  // Let writes flow, then kill while they still do.
  const deadline = Date.now() + 15_000;
  while (load.confirmedSoFar() < 150 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  app.kill("SIGKILL");
  await alsoKill?.();
  await new Promise((resolve) => app.once("exit", resolve));
  const confirmed = await load.stop();
  await tally.run(`${label}: writes were confirmed before the kill`, async () =>
    confirmed.length > 0 ? "handled" : ["other", "no write was confirmed before the kill"],
  );

  await restart?.();
  const again = await startApp(storeUrl, port);
  const store = openStore(storeUrl);
  try {
    const preferences = new PreferencesRepository(store);
    const team = { teamId: (fake as SlackEmulator).teamId };
    for (const user of confirmed) {
      await tally.run(`${label}: confirmed write of ${user}`, async () => {
        const prefs = await preferences.get(team, user);
        return prefs.locale === "en"
          ? "handled"
          : ["lost", `locale ${String(prefs.locale)} after the restart`];
      });
    }
  } finally {
    await store.close();
  }
  await tally.run(`${label}: the restarted app answers`, async () => {
    const f = fake as SlackEmulator;
    const request = slashCommand(f, { text: "lang en", user_id: "U0AFTER001" });
    const response = await sendRequest(`http://127.0.0.1:${port}`, request, { secret: SECRET });
    if (response.status !== 200) return ["other", `HTTP ${response.status}`];
    const path = new URL(request.payload.response_url).pathname;
    const reply = await f.waitForCall("response_url", (c) => c.path === path, 5_000).catch(() => undefined);
    return reply && String(reply.body.text).includes(en("app.langSet"))
      ? "handled"
      : ["other", "no confirmation"];
  });
  again.kill("SIGTERM");
  await new Promise((resolve) => again.once("exit", resolve));
}

describe("kill -9 during writes, then a restart on the same store", () => {
  reliabilityIt(CATEGORY, "SQLite file", async (tally) => {
    fake = await startSlackEmulator();
    dir = await mkdtemp(join(tmpdir(), "ismap-restart-"));
    await killDuringWrites(tally, "SQLite", `sqlite://${join(dir, "restart.sqlite")}`);
  });

  reliabilityIt(
    CATEGORY,
    "private Redis with AOF (appendfsync always), Redis killed -9 too",
    async (tally) => {
      fake = await startSlackEmulator();
      redis = await startRedisServer({ aof: true });
      const r = redis;
      await killDuringWrites(
        tally,
        "Redis",
        r.url,
        () => r.kill(),
        () => r.start(),
      );
    },
  );
});
