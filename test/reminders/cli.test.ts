import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_IDS, type SlackEmulator, startSlackEmulator } from "../../dev/slack-emulator/index.js";
import { ProfileRepository } from "../../src/profile/repository.js";
import { ReminderSettingsRepository } from "../../src/reminders/settings.js";
import { openStore } from "../../src/store/keyv-factory.js";
import { TEAM } from "../support/fixtures.js";
import { spawnCollecting } from "../support/process.js";
import { jst, referenceProfile } from "../support/reminders.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

async function npmRun(args: string[], env: Record<string, string>): Promise<Run> {
  const run = spawnCollecting("npm", ["run", "--silent", "reminders", "--", ...args], {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? "",
    ...env,
  });
  const code = await run.exited;
  return { code, stdout: run.out(), stderr: run.err() };
}

let dir: string;
let storeUrl: string;
let fake: SlackEmulator;

beforeAll(async () => {
  fake = await startSlackEmulator();
  dir = await mkdtemp(join(tmpdir(), "ismap-reminders-cli-"));
  storeUrl = `sqlite://${join(dir, "cli.sqlite")}`;
  const store = openStore(storeUrl);
  const profiles = new ProfileRepository(store);
  await profiles.save(TEAM, {
    baseRevision: 0,
    actor: DEFAULT_IDS.admin,
    at: jst("2026-10-25 09:00"),
    update: referenceProfile([DEFAULT_IDS.admin]),
  });
  await new ReminderSettingsRepository(store).save(
    TEAM,
    { enabled: true, channel: DEFAULT_IDS.general },
    { actor: DEFAULT_IDS.admin, at: jst("2026-11-01 09:00") },
  );
  await store.close();
});

afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

const lines = (out: string, prefix: string) => out.split("\n").filter((l) => l.startsWith(prefix));

describe("npm run reminders", () => {
  it("--dry-run lists the expected occurrences and a summary, needs no token, and changes nothing", {
    timeout: 60_000,
  }, async () => {
    const args = ["--at", "2026-12-01T10:00:00+09:00", "--dry-run"];
    const run = await npmRun(args, { STORE_URL: storeUrl, RULES_DIR: "rules" });
    expect(run.code, run.stderr).toBe(0);
    const cols = (l: string) => l.split(/\s{2,}/);
    // test/support/reminders.ts: internal coverage until 2026-12-09 (its 30-day lead, 2026-11-09, is late); the 2025-10-01
    // period's governance and management audits and its audit report, due 2026-12-31 (30-day lead at 2026-12-01
    // 10:00: on time).
    expect(lines(run.stdout, "would send").map(cols)).toEqual([
      ["would send", "-:T0FAKE0001", "internal", "coverage", "due 2026-12-09 JST", "lead 30d", "late"],
      [
        "would send",
        "-:T0FAKE0001",
        "external",
        "governance-p2025-10-01",
        "due 2026-12-31 JST",
        "lead 30d",
        "on time",
      ],
      [
        "would send",
        "-:T0FAKE0001",
        "external",
        "management-p2025-10-01",
        "due 2026-12-31 JST",
        "lead 30d",
        "on time",
      ],
      [
        "would send",
        "-:T0FAKE0001",
        "report",
        "period-2026-09-30",
        "due 2026-12-31 JST",
        "lead 30d",
        "on time",
      ],
    ]);
    expect(lines(run.stdout, "would supersede").map((l) => cols(l).slice(2, 6))).toEqual([
      ["internal", "coverage", "due 2026-12-09 JST", "lead 60d"],
      ["external", "governance-p2025-10-01", "due 2026-12-31 JST", "lead 60d"],
      ["external", "management-p2025-10-01", "due 2026-12-31 JST", "lead 60d"],
      ["report", "period-2026-09-30", "due 2026-12-31 JST", "lead 60d"],
    ]);
    // The Monday digest of 2026-11-30 was not sent during that day (the store was not swept): past due.
    expect(lines(run.stdout, "would drop").map((l) => cols(l).slice(2, 5))).toEqual([
      ["digest", "weekly", "due 2026-11-30 JST"],
    ]);
    const [summary] = lines(run.stdout, "summary:");
    expect(summary).toContain("(dry run)");
    expect(summary).toContain("1 team(s), 4 would send (1 late), 4 superseded, 1 dropped past due, 0 failed");
    expect(fake.calls).toHaveLength(0);

    // Nothing was written: the same dry run gives the same answer.
    const again = await npmRun(args, { STORE_URL: storeUrl, RULES_DIR: "rules" });
    expect(lines(again.stdout, "would send")).toHaveLength(4);
  });

  it("sends with SLACK_BOT_TOKEN and SLACK_API_URL, once; --team limits the sweep", {
    timeout: 60_000,
  }, async () => {
    const env = { STORE_URL: storeUrl, SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.url };
    const other = await npmRun(["--at", "2026-12-01T10:00:00+09:00", "--team", "T0NOBODY01"], env);
    expect(other.code, other.stderr).toBe(0);
    expect(lines(other.stdout, "summary:")[0]).toContain("0 sent");

    const first = await npmRun(["--at", "2026-12-01T10:00:00+09:00", "--team", "T0FAKE0001"], env);
    expect(first.code, first.stderr).toBe(0);
    expect(lines(first.stdout, "sent ")).toHaveLength(4);
    expect(fake.messages(DEFAULT_IDS.general)).toHaveLength(4);
    const second = await npmRun(["--at", "2026-12-01T10:00:00+09:00"], env);
    expect(lines(second.stdout, "sent ")).toHaveLength(0);
    expect(lines(second.stdout, "summary:")[0]).toContain("0 sent (0 late)");
    expect(fake.messages(DEFAULT_IDS.general)).toHaveLength(4);
  });

  it("explains its usage and refuses to send without a token", { timeout: 60_000 }, async () => {
    const noAt = await npmRun(["--dry-run"], { STORE_URL: storeUrl });
    expect(noAt.code).toBe(2);
    expect(noAt.stderr).toContain("--at is required");
    const local = await npmRun(["--at", "2026-12-01T10:00:00", "--dry-run"], { STORE_URL: storeUrl });
    expect(local.code).toBe(2);
    expect(local.stderr).toContain("with its offset");
    const noToken = await npmRun(["--at", "2026-12-01T10:00:00+09:00"], { STORE_URL: storeUrl });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain("SLACK_BOT_TOKEN is required");
  });
});
