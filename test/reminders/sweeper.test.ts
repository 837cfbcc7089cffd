/**
 * The sweeper against the fake Slack Web API and a SQLite store: each occurrence posted once, rate limits waited
 * out, hopeless channels pausing the team (editors told once), other failures retried by later sweeps.
 *
 * Long because: one sweeper against one fake Slack and store; its cases share that setup and read best together.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Installation } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_IDS,
  type EmulatorCall,
  type SlackEmulator,
  startSlackEmulator,
} from "../../dev/slack-emulator/index.js";
import { createTranslator } from "../../src/i18n/translator.js";
import {
  classifySlackError,
  clientsFromInstallations,
  REMINDER_EVENT_TYPE,
  reminderWebClient,
} from "../../src/jobs/sweeper/sweeper.js";
import { addDays } from "../../src/lib/time.js";
import { outcomeKey, retryKey } from "../../src/reminders/occurrence.js";
import { KeyvInstallationStore } from "../../src/store/installation-store.js";
import type { TeamKey } from "../../src/store/keys.js";
import { openStore } from "../../src/store/keyv-factory.js";
import type { Store } from "../../src/store/store.js";
import { putProfile, TEAM } from "../support/fixtures.js";
import { jst, referenceProfile, type SweeperFixture, sweeperFor } from "../support/reminders.js";

let fake: SlackEmulator;
let dir: string;
let store: Store;
let fx: SweeperFixture;

// At 2026-12-01 10:00 the reference profile's reminders due (test/support/reminders.ts): the 30-day leads of the 2025-10-01
// period's governance and management audits and audit report (all due 2026-12-31, on time) and of internal
// coverage (covered until 2026-12-09; its 30-day lead was 2026-11-09, so late). Each has its 60-day lead
// superseded, and the digest of Monday 2026-11-30 is dropped past due.
const GOV_30 = "rem:-:T0FAKE0001:external:governance-p2025-10-01:2026-12-31:30";
const MAN_30 = "rem:-:T0FAKE0001:external:management-p2025-10-01:2026-12-31:30";
const REPORT_30 = "rem:-:T0FAKE0001:report:period-2026-09-30:2026-12-31:30";
const INTERNAL_30 = "rem:-:T0FAKE0001:internal:coverage:2026-12-09:30";

/** Successful reminder posts (to channels, not DMs), by occurrence key from the message metadata. */
function posted(channel?: string): string[] {
  return fake
    .callsTo("chat.postMessage")
    .filter((c) => (c.response as { ok?: boolean } | undefined)?.ok === true)
    .filter((c) => channel === undefined || c.body.channel === channel)
    .map((c) => (c.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key)
    .filter((key): key is string => key !== undefined);
}

const dms = (): EmulatorCall[] =>
  fake.callsTo("chat.postMessage").filter((c) => String(c.body.channel).startsWith("U"));

async function enable(team: TeamKey, channel: string = DEFAULT_IDS.general, extra = {}): Promise<void> {
  await fx.settings.save(
    team,
    { enabled: true, channel, ...extra },
    { actor: DEFAULT_IDS.owner, at: jst("2026-10-01 09:00") },
  );
}

beforeAll(async () => {
  fake = await startSlackEmulator();
});
afterAll(async () => {
  await fake.close();
});

beforeEach(async () => {
  fake.reset();
  dir = await mkdtemp(join(tmpdir(), "ismap-reminders-"));
  store = openStore(`sqlite://${join(dir, "r.sqlite")}`);
  const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url });
  fx = sweeperFor(store, () => client);
  await putProfile(store, TEAM, referenceProfile([DEFAULT_IDS.admin]));
  await enable(TEAM);
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe("sweeper: exactly once", () => {
  it("posts each due occurrence once; a second sweep at the same time posts nothing", async () => {
    const at = jst("2026-12-01 10:00");
    const first = await fx.sweeper.sweepOnce(at);
    expect(posted(DEFAULT_IDS.general).sort()).toEqual([GOV_30, INTERNAL_30, MAN_30, REPORT_30].sort());
    expect(first).toMatchObject({ sent: 4, late: 1, superseded: 4, droppedPastDue: 1, failed: 0, paused: 0 });
    // Internal coverage's 30-day lead was due 2026-11-09: late; the two audits' and the report's are on time.
    expect(
      first.occurrences
        .filter((o) => o.status === "sent")
        .map((o) => `${o.key}:${o.late}`)
        .sort(),
    ).toEqual([`${GOV_30}:false`, `${INTERNAL_30}:true`, `${MAN_30}:false`, `${REPORT_30}:false`].sort());
    // The digest of Monday 2026-11-30 went unsent all that day: dropped, logged.
    expect(
      fx.logger.at("warn").some((l) => l.includes("dropped rem:-:T0FAKE0001:digest:weekly:2026-11-30:0")),
    ).toBe(true);
    for (const key of [GOV_30, MAN_30, REPORT_30, INTERNAL_30])
      expect(await store.claims.isDone(key)).toBe(true);
    expect(await store.get(outcomeKey(INTERNAL_30))).toMatchObject({
      status: "late",
      channel: DEFAULT_IDS.general,
    });
    expect(await store.get(outcomeKey(GOV_30))).toMatchObject({
      status: "sent",
      channel: DEFAULT_IDS.general,
    });
    const call = fake.callsTo("chat.postMessage")[0];
    expect(call?.body.metadata).toMatchObject({ event_type: REMINDER_EVENT_TYPE });

    const second = await fx.sweeper.sweepOnce(at);
    expect(second).toMatchObject({ sent: 0, superseded: 0, droppedPastDue: 0, failed: 0 });
    expect(posted()).toHaveLength(4);

    // A fresh sweeper (as after a restart) reads the done marks from the store.
    const restarted = sweeperFor(store, () => reminderWebClient(fake.botToken, { slackApiUrl: fake.url }));
    expect((await restarted.sweeper.sweepOnce(jst("2026-12-01 10:05"))).sent).toBe(0);
    expect(posted()).toHaveLength(4);
  });

  it("over two months of daily operation around the time of day, each lead is posted once and on time", async () => {
    for (let day = "2026-10-01"; day <= "2026-12-01"; day = addDays(day, 1)) {
      for (const minute of ["09:59", "10:00", "10:01"]) await fx.sweeper.sweepOnce(jst(`${day} ${minute}`));
    }
    const keys = posted();
    expect(new Set(keys).size).toBe(keys.length);
    const mondays = ["10-05", "10-12", "10-19", "10-26", "11-02", "11-09", "11-16", "11-23", "11-30"];
    expect(keys.sort()).toEqual(
      [
        // Internal coverage until 2026-12-09: 60 and 30 days before (2026-10-10, 2026-11-09).
        "rem:-:T0FAKE0001:internal:coverage:2026-12-09:60",
        "rem:-:T0FAKE0001:internal:coverage:2026-12-09:30",
        // The 2025-10-01 period's external audits and audit report, due 2026-12-31: 2026-11-01 and 2026-12-01.
        // (Its controls group, due then too, was recorded on 2026-10-20, before its 60-day lead.)
        "rem:-:T0FAKE0001:external:governance-p2025-10-01:2026-12-31:60",
        "rem:-:T0FAKE0001:external:governance-p2025-10-01:2026-12-31:30",
        "rem:-:T0FAKE0001:external:management-p2025-10-01:2026-12-31:60",
        "rem:-:T0FAKE0001:external:management-p2025-10-01:2026-12-31:30",
        "rem:-:T0FAKE0001:report:period-2026-09-30:2026-12-31:60",
        "rem:-:T0FAKE0001:report:period-2026-09-30:2026-12-31:30",
        ...mondays.map((d) => `rem:-:T0FAKE0001:digest:weekly:2026-${d}:0`),
      ].sort(),
    );
    const late = fake
      .callsTo("chat.postMessage")
      .filter(
        (c) => (c.body.metadata as { event_payload?: { late?: boolean } })?.event_payload?.late === true,
      );
    expect(late).toEqual([]);
    // Every post went out at its send instant's sweep: the minute of the time of day.
    expect(fx.logger.at("warn")).toEqual([]);
  });

  it("concurrent sweeps of one instance still post once", async () => {
    const at = jst("2026-12-01 10:00");
    const reports = await Promise.all([
      fx.sweeper.sweepOnce(at),
      fx.sweeper.sweepOnce(at),
      fx.sweeper.sweepOnce(at),
    ]);
    expect(posted().sort()).toEqual([GOV_30, INTERNAL_30, MAN_30, REPORT_30].sort());
    expect(reports.reduce((n, r) => n + r.sent, 0)).toBe(4);
  });

  it("a claim held by a crashed holder blocks the post until it lapses, then a later sweep posts it", async () => {
    const at = jst("2026-12-01 10:00");
    expect(await store.claims.claim(GOV_30, 300)).toBe(true);
    const first = await fx.sweeper.sweepOnce(at);
    expect(first.occurrences.find((o) => o.key === GOV_30)?.status).toBe("claimed_elsewhere");
    expect(posted()).not.toContain(GOV_30);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await fx.sweeper.sweepOnce(jst("2026-12-01 10:01"));
    expect(posted().filter((k) => k === GOV_30)).toHaveLength(1);
  });

  it("dry run: reports what it would send, posts and marks nothing; the real sweep then sends it", async () => {
    const at = jst("2026-12-01 10:00");
    const dry = await fx.sweeper.sweepOnce(at, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, sent: 4, late: 1, superseded: 4, droppedPastDue: 1 });
    expect(
      dry.occurrences
        .filter((o) => o.status === "would_send")
        .map((o) => o.key)
        .sort(),
    ).toEqual([GOV_30, INTERNAL_30, MAN_30, REPORT_30].sort());
    expect(fake.calls).toHaveLength(0);
    expect(await store.claims.isDone(GOV_30)).toBe(false);
    expect((await fx.sweeper.sweepOnce(at)).sent).toBe(4);
  });

  it("recording the audit stops the item's later reminders", async () => {
    await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(posted()).toContain(GOV_30);
    const { revision } = await fx.profiles.get(TEAM);
    await fx.profiles.save(TEAM, {
      baseRevision: revision,
      actor: DEFAULT_IDS.admin,
      at: jst("2026-12-05 12:00"),
      update: (p) => {
        // Dated after the 2025-10-01 period ended: it is that period's governance audit.
        p.audits.external.push({ id: "gov-2", part: "governance", date: "2026-12-05", objectiveIds: [] });
        return p;
      },
    });
    // Its 7- and 1-day leads (2026-12-24, 2026-12-30) never go out; management's still do, and so do the
    // report's (the period's management audit is still not on record).
    for (const at of ["2026-12-24 10:00", "2026-12-30 10:00", "2027-01-01 10:00"])
      await fx.sweeper.sweepOnce(jst(at));
    expect(posted().filter((k) => k.includes(":external:governance-"))).toEqual([GOV_30]);
    expect(posted()).toContain("rem:-:T0FAKE0001:external:management-p2025-10-01:2026-12-31:1");
    expect(posted()).toContain("rem:-:T0FAKE0001:report:period-2026-09-30:2026-12-31:1");
  });

  it("only the team asked for with teamId; nothing for a team whose reminders are off", async () => {
    const other = { teamId: "T0OTHER001" };
    await putProfile(store, other, referenceProfile());
    await enable(other, DEFAULT_IDS.compliance);
    const report = await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"), { teamId: "T0OTHER001" });
    expect(report.teams).toBe(1);
    expect(new Set(report.occurrences.map((o) => o.team))).toEqual(new Set(["-:T0OTHER001"]));
    expect(posted(DEFAULT_IDS.general)).toEqual([]);
    await fx.settings.save(TEAM, (s) => ({ ...s, enabled: false }), { at: jst("2026-12-01 10:00") });
    expect(
      (await fx.sweeper.sweepOnce(jst("2026-12-01 10:05"))).occurrences.some(
        (o) => o.team === "-:T0FAKE0001",
      ),
    ).toBe(false);
  });
});

describe("sweeper: Slack errors", () => {
  it("429 with Retry-After: waits, retries, posts once", async () => {
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 });
    const report = await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(report).toMatchObject({ sent: 4, failed: 0, deferred: 0 });
    const keys = posted();
    expect(keys.sort()).toEqual([GOV_30, INTERNAL_30, MAN_30, REPORT_30].sort());
    const attempts = fake.callsTo("chat.postMessage");
    expect(attempts.filter((c) => c.status === 429)).toHaveLength(1);
    expect(attempts).toHaveLength(5);
    expect(fx.logger.at("info").some((l) => l.includes("rate limited"))).toBe(true);
  });

  it("a Retry-After too long to wait defers to a later sweep, still posting once", async () => {
    const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url });
    const impatient = sweeperFor(store, () => client, { maxRateLimitWaitMs: 500 });
    fake.failNext("chat.postMessage", { status: 429, retryAfter: 120 });
    const first = await impatient.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(first).toMatchObject({ sent: 3, deferred: 1, failed: 0 });
    expect((await impatient.sweeper.sweepOnce(jst("2026-12-01 10:01"))).sent).toBe(0);
    expect((await impatient.sweeper.sweepOnce(jst("2026-12-01 10:03"))).sent).toBe(1);
    expect(posted().sort()).toEqual([GOV_30, INTERNAL_30, MAN_30, REPORT_30].sort());
  });

  it("not_in_channel: pauses the team, DMs its editors once, and later sweeps post nothing for it", async () => {
    const other = { teamId: "T0OTHER001" };
    await putProfile(store, other, referenceProfile());
    await enable(other, DEFAULT_IDS.compliance);
    fake.setChannelMembers(DEFAULT_IDS.general, [DEFAULT_IDS.admin, DEFAULT_IDS.owner]);

    const report = await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(report.paused).toBe(1);
    expect(posted(DEFAULT_IDS.general)).toEqual([]);
    expect(posted(DEFAULT_IDS.compliance)).toHaveLength(4);
    const settings = await fx.settings.get(TEAM);
    expect(settings?.paused).toMatchObject({ reason: "not_in_channel" });
    expect((await fx.settings.indexedTeams()).map((t) => t.teamId)).toEqual(["T0OTHER001"]);
    // The profile's editor and whoever saved the settings, once each.
    expect(
      dms()
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual([DEFAULT_IDS.admin, DEFAULT_IDS.owner].sort());
    expect(String(dms()[0]?.body.text)).toContain(
      createTranslator("ja")("reminder.paused.reason.not_in_channel"),
    );
    expect(
      fake.callsTo("chat.postMessage").filter((c) => c.body.channel === DEFAULT_IDS.general),
    ).toHaveLength(1);

    for (const at of ["2026-12-01 10:01", "2026-12-02 10:00", "2026-12-13 10:00"]) {
      const later = await fx.sweeper.sweepOnce(jst(at));
      expect(later.occurrences.some((o) => o.team === "-:T0FAKE0001")).toBe(false);
    }
    expect(
      fake.callsTo("chat.postMessage").filter((c) => c.body.channel === DEFAULT_IDS.general),
    ).toHaveLength(1);
    expect(dms()).toHaveLength(2);

    // Fixed and saved again: reminders resume, and what is not yet past due is sent once, late.
    fake.setChannelMembers(DEFAULT_IDS.general, [DEFAULT_IDS.bot, DEFAULT_IDS.admin]);
    await fx.settings.save(TEAM, (s) => s, { actor: DEFAULT_IDS.admin, at: jst("2026-12-14 09:00") });
    const resumed = await fx.sweeper.sweepOnce(jst("2026-12-14 10:00"));
    expect(posted(DEFAULT_IDS.general).sort()).toEqual(
      [
        GOV_30,
        MAN_30,
        REPORT_30,
        // The registration is valid until 2027-01-31: its 60-day lead was 2026-12-02.
        "rem:-:T0FAKE0001:validity:period-2025-09-30:2027-01-31:60",
        "rem:-:T0FAKE0001:digest:weekly:2026-12-14:0",
      ].sort(),
    );
    // What fell past due while paused (internal coverage until 2026-12-09) is not reminded after the restart.
    expect(resumed.droppedPastDue).toBe(0);
    expect(resumed.occurrences.some((o) => o.kind === "internal")).toBe(false);
  });

  it("two sweeps racing on a hopeless channel DM the editors once", async () => {
    fake.setChannelMembers(DEFAULT_IDS.general, [DEFAULT_IDS.admin]);
    const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url });
    const second = sweeperFor(store, () => client);
    const at = jst("2026-12-01 10:00");
    const reports = await Promise.all([fx.sweeper.sweepOnce(at), second.sweeper.sweepOnce(at)]);
    expect(reports.reduce((n, r) => n + r.paused, 0)).toBe(1);
    expect(
      dms()
        .map((c) => c.body.channel)
        .sort(),
    ).toEqual([DEFAULT_IDS.admin, DEFAULT_IDS.owner].sort());
  });

  for (const error of ["channel_not_found", "invalid_auth", "token_revoked", "account_inactive"] as const) {
    it(`${error} pauses the team with that reason`, async () => {
      fake.failAlways("chat.postMessage", { error });
      const report = await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"));
      expect(report.paused).toBe(1);
      expect((await fx.settings.get(TEAM))?.paused?.reason).toBe(error);
      expect(report.occurrences.filter((o) => o.status === "paused")).toHaveLength(4);
      // One channel post refused, then the DM attempts (refused too here): nothing else.
      expect(
        fake.callsTo("chat.postMessage").filter((c) => c.body.channel === DEFAULT_IDS.general),
      ).toHaveLength(1);
    });
  }

  it("a revoked token pauses the team (invalid_auth from the fake)", async () => {
    fake.revokeToken(fake.botToken);
    const report = await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(report.paused).toBe(1);
    expect((await fx.settings.get(TEAM))?.paused?.reason).toBe("invalid_auth");
  });

  it("HTTP 500: counted and logged, retried by a later sweep after the back-off, posted once", async () => {
    fake.failNext("chat.postMessage", { status: 500 });
    const first = await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(first).toMatchObject({ failed: 1, sent: 3 });
    const failedKey = first.occurrences.find((o) => o.status === "failed")?.key as string;
    expect(fx.logger.at("warn").some((l) => l.includes(failedKey) && l.includes("HTTP 500"))).toBe(true);
    expect(await store.get(retryKey(failedKey))).toMatchObject({ attempts: 1, lastError: "HTTP 500" });
    expect(await store.claims.isDone(failedKey)).toBe(false);

    const tooSoon = await fx.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(tooSoon).toMatchObject({ sent: 0, deferred: 1, failed: 0 });

    fake.failNext("chat.postMessage", { status: 503 });
    const again = await fx.sweeper.sweepOnce(jst("2026-12-01 10:01"));
    expect(again).toMatchObject({ failed: 1, sent: 0 });
    expect(await store.get(retryKey(failedKey))).toMatchObject({ attempts: 2 });
    // Back-off doubles: 2 minutes after the second failure.
    expect((await fx.sweeper.sweepOnce(jst("2026-12-01 10:02"))).deferred).toBe(1);
    const last = await fx.sweeper.sweepOnce(jst("2026-12-01 10:03"));
    expect(last).toMatchObject({ sent: 1, failed: 0 });
    expect(posted().filter((k) => k === failedKey)).toHaveLength(1);
    expect(await store.get(retryKey(failedKey))).toBeUndefined();
  });

  it("a failure that lasts until the item is past due ends as dropped, logged and counted", async () => {
    fake.failAlways("chat.postMessage", { status: 500 });
    const first = await fx.sweeper.sweepOnce(jst("2026-12-30 10:00"));
    expect(first.failed).toBeGreaterThan(0);
    fake.clearFaults();
    const after = await fx.sweeper.sweepOnce(jst("2027-01-01 00:01"));
    expect(after.droppedPastDue).toBeGreaterThan(0);
    expect(after.occurrences.find((o) => o.key === `${GOV_30.slice(0, -3)}:1`)?.status).toBe("dropped");
    expect(fx.logger.at("warn").some((l) => l.includes(`dropped ${GOV_30.slice(0, -3)}:1`))).toBe(true);
  });

  it("classifies Web API errors", () => {
    expect(classifySlackError({ code: "slack_webapi_rate_limited_error", retryAfter: 3 })).toEqual({
      type: "rate_limited",
      retryAfterMs: 3000,
    });
    expect(
      classifySlackError({ code: "slack_webapi_platform_error", data: { error: "not_in_channel" } }),
    ).toEqual({
      type: "fatal",
      reason: "not_in_channel",
    });
    expect(
      classifySlackError({ code: "slack_webapi_platform_error", data: { error: "invalid_blocks" } }),
    ).toEqual({
      type: "retry",
      detail: "invalid_blocks",
    });
    expect(classifySlackError({ code: "slack_webapi_http_error", statusCode: 502 })).toEqual({
      type: "retry",
      detail: "HTTP 502",
    });
    expect(classifySlackError(new Error("socket hang up"))).toMatchObject({ type: "retry" });
  });
});

describe("sweeper: store trouble and installations", () => {
  it("a done mark that cannot be written: logged, and this instance never posts it again", async () => {
    let failMarks = true;
    const claims = store.claims;
    const flaky: Store = {
      ...store,
      get: store.get.bind(store),
      set: store.set.bind(store),
      delete: store.delete.bind(store),
      claims: {
        claim: (key, ttl) => claims.claim(key, ttl),
        release: (key) => claims.release(key),
        isDone: (key) => claims.isDone(key),
        markDone: (key, ttl) =>
          failMarks ? Promise.reject(new Error("store down")) : claims.markDone(key, ttl),
      },
    };
    const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url });
    const shaky = sweeperFor(flaky, () => client, { sleep: async () => undefined });
    const first = await shaky.sweeper.sweepOnce(jst("2026-12-01 10:00"));
    expect(first.sent).toBe(4);
    // Four posts, four superseded leads and the dropped digest: each mark tried three times, logged once.
    expect(shaky.logger.at("error").filter((l) => l.includes("could not mark"))).toHaveLength(9);
    expect(await store.claims.isDone(GOV_30)).toBe(false);
    await shaky.sweeper.sweepOnce(jst("2026-12-01 10:05"));
    expect(posted()).toHaveLength(4);
    // Once the store is back, the next sweep writes the marks it owes.
    failMarks = false;
    await shaky.sweeper.sweepOnce(jst("2026-12-01 10:06"));
    expect(await store.claims.isDone(GOV_30)).toBe(true);
    expect(posted()).toHaveLength(4);
  });

  it("clientsFromInstallations: the team's bot token, else none", async () => {
    const installations = new KeyvInstallationStore(store);
    await installations.storeInstallation({
      team: { id: "T0FAKE0001" },
      enterprise: undefined,
      user: { id: DEFAULT_IDS.admin, token: undefined, scopes: undefined },
      bot: { id: "B1", userId: DEFAULT_IDS.bot, token: fake.botToken, scopes: ["chat:write"] },
      isEnterpriseInstall: false,
      tokenType: "bot",
    } as unknown as Installation<"v2", false>);
    const clientFor = clientsFromInstallations(installations, { slackApiUrl: fake.url });
    const viaOAuth = sweeperFor(store, clientFor);
    expect((await viaOAuth.sweeper.sweepOnce(jst("2026-12-01 10:00"))).sent).toBe(4);
    expect(await clientFor({ teamId: "T0NOBODY01" })).toBeUndefined();
  });
});

describe("sweeper: start and stop", () => {
  it("sweeps at once and on every interval until stopped", async () => {
    const client = reminderWebClient(fake.botToken, { slackApiUrl: fake.url });
    const timed = sweeperFor(store, () => client, { clock: () => jst("2026-12-01 10:00") });
    timed.sweeper.start(50);
    await fake.waitForCall("chat.postMessage", () => true, 5_000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await timed.sweeper.stop();
    const count = posted().length;
    expect(count).toBe(4);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(posted().length).toBe(count);
  });
});
