/**
 * Slack misbehaving: 429 with Retry-After, HTTP 500s, timeouts and expired triggers from the fake Slack Web API.
 * Reminders: each due reminder posted exactly once in the end (no duplicate, none lost). Modals: opened after a
 * retry, or the person told why not, as the modal flows specify. Command replies and shares: one post each.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe } from "vitest";
import { DEFAULT_IDS, type EmulatorCall } from "../../dev/slack-emulator/index.js";
import { blockActions } from "../../dev/slack-requests/index.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { createSweeper, reminderWebClient, type Sweeper } from "../../src/jobs/sweeper/sweeper.js";
import { ProfileRepository } from "../../src/profile/repository.js";
import { ReminderSettingsRepository } from "../../src/reminders/settings.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import type { TeamKey } from "../../src/store/keys.js";
import { profileOf, putProfile } from "../support/fixtures.js";
import { type Harness, startHarness } from "../support/harness.js";
import { ask } from "../support/reliability/commands.js";
import { replyProblem } from "../support/reliability/replies.js";
import { type Outcome, reliabilityIt, type Tally } from "../support/reliability/tally.js";
import { enableExternalReminders, registeredForPeriod2025 } from "../support/reminders.js";

const CATEGORY = "Slack faults";
const ja = createTranslator("ja");
const en = createTranslator("en");
type Json = Record<string, unknown>;

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = undefined;
  dir = undefined;
});

const harness = () => h as Harness;

// ---------------------------------------------------------------- reminders

/**
 * Each of these teams has one governance reminder due at AT (30 days before 2026-12-20): registered with the audit
 * period 2025-09-21 – 2026-09-20, whose report day is 2026-12-20; its management audit is on record, its
 * governance audit is not.
 */
const AT = new Date("2026-11-20T10:00:00+09:00");
const MINUTE = 60_000;
const later = (minutes: number) => new Date(AT.getTime() + minutes * MINUTE);
const TEAMS: TeamKey[] = Array.from({ length: 20 }, (_, i) => ({
  teamId: `T0SF${String(i).padStart(6, "0")}`,
}));

async function seedReminders(): Promise<void> {
  const store = harness().assistant.store;
  const profile = profileOf({
    registration: registeredForPeriod2025(),
    audits: {
      external: [
        {
          id: "m",
          part: "management",
          date: "2026-10-20",
          periodStart: "2025-09-21",
          periodEnd: "2026-09-20",
        },
      ],
    },
  });
  for (const team of TEAMS) {
    await putProfile(store, team, profile);
  }
  await enableExternalReminders(store, TEAMS);
}

async function startWithReminders(): Promise<Harness> {
  dir = await mkdtemp(join(tmpdir(), "ismap-slackfaults-"));
  h = await startHarness({ storeUrl: `sqlite://${join(dir, "r.sqlite")}`, now: "2026-11-20T10:00:00+09:00" });
  await seedReminders();
  return h;
}

/** Reminders Slack accepted (posted to a channel), by occurrence key. */
function postedKeys(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of harness().fake.callsTo("chat.postMessage")) {
    if ((call.response as Json | undefined)?.ok !== true) continue;
    const key = (call.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** One case per team: its reminder posted exactly once (`known` marks duplicates that are a documented limit). */
function judgeReminders(
  tally: Tally,
  scenario: string,
  knownDuplicate?: (key: string) => string | undefined,
): void {
  const posted = postedKeys();
  for (const team of TEAMS) {
    const key = `rem:-:${team.teamId}:external:governance-p2025-09-21:2026-12-20:30`;
    const count = posted.get(key) ?? 0;
    let outcome: Outcome = "handled";
    let detail: string | undefined;
    if (count === 0) [outcome, detail] = ["lost", "never posted"];
    else if (count > 1) {
      const known = knownDuplicate?.(key);
      [outcome, detail] = known ? ["known", known] : ["other", `posted ${count} times`];
    }
    const name =
      outcome === "known"
        ? `${scenario}: a reminder posted twice`
        : `${scenario}: reminder of ${team.teamId}`;
    tally.record(name, outcome, detail);
  }
}

/** A sweeper like the app's, on the same store, whose client gives up after `timeoutMs`. */
function impatientSweeper(timeoutMs: number): Sweeper {
  const store = harness().assistant.store;
  const client = reminderWebClient(harness().fake.botToken, { slackApiUrl: harness().fake.url, timeoutMs });
  const quiet = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  return createSweeper({
    store,
    profiles: new ProfileRepository(store),
    settings: new ReminderSettingsRepository(store),
    engine: harness().assistant.services.engine,
    clientFor: () => client,
    logger: quiet,
  });
}

describe("reminders while Slack misbehaves", () => {
  reliabilityIt(CATEGORY, "429 with Retry-After: waited out, each posted once", async (tally) => {
    const app = await startWithReminders();
    app.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 }, 4);
    await app.assistant.sweeper.sweepOnce(AT);
    await app.assistant.sweeper.sweepOnce(later(1));
    judgeReminders(tally, "429");
  });

  reliabilityIt(
    CATEGORY,
    "HTTP 500s: retried by later sweeps after the back-off, each posted once",
    async (tally) => {
      const app = await startWithReminders();
      app.fake.failNext("chat.postMessage", { status: 500 }, 6);
      const first = await app.assistant.sweeper.sweepOnce(AT);
      tally.record(
        "500s: the failed posts are reported as failed",
        first.failed === 6 ? "handled" : "other",
        `${first.failed} failed`,
      );
      await app.assistant.sweeper.sweepOnce(later(0.5));
      await app.assistant.sweeper.sweepOnce(later(2));
      await app.assistant.sweeper.sweepOnce(later(5));
      judgeReminders(tally, "500 ×6");
    },
  );

  reliabilityIt(
    CATEGORY,
    "500 on every post for several sweeps, then Slack recovers: nothing lost",
    async (tally) => {
      const app = await startWithReminders();
      app.fake.failAlways("chat.postMessage", { status: 500 });
      for (const minutes of [0, 1.1, 3.2, 7.3]) await app.assistant.sweeper.sweepOnce(later(minutes));
      app.fake.clearFaults();
      for (const minutes of [16, 40, 90]) await app.assistant.sweeper.sweepOnce(later(minutes));
      judgeReminders(tally, "500 for 8 minutes");
    },
  );

  reliabilityIt(CATEGORY, "timeouts where Slack posted nothing: retried, each posted once", async (tally) => {
    const app = await startWithReminders();
    const sweeper = impatientSweeper(300);
    // Slack answers 503 only after the client gave up: nothing was posted.
    app.fake.failNext("chat.postMessage", { status: 503, delayMs: 800 }, 5);
    await sweeper.sweepOnce(AT);
    await new Promise((resolve) => setTimeout(resolve, 900));
    await sweeper.sweepOnce(later(1.1));
    await sweeper.sweepOnce(later(3));
    judgeReminders(tally, "timeouts, not posted");
  });

  reliabilityIt(CATEGORY, "timeouts where Slack did post, answering too late", async (tally) => {
    const app = await startWithReminders();
    const sweeper = impatientSweeper(300);
    // Slack posts, but answers after the client gave up: the sweeper cannot tell this from a failure.
    app.fake.failNext("chat.postMessage", { delayMs: 800 }, 2);
    await sweeper.sweepOnce(AT);
    await new Promise((resolve) => setTimeout(resolve, 900));
    // The posts Slack accepted in that first sweep (the slow ones among them were answered too late).
    const slow = new Set(postedKeys().keys());
    await sweeper.sweepOnce(later(1.1));
    await sweeper.sweepOnce(later(3));
    judgeReminders(tally, "timeouts, posted late", (key) =>
      slow.has(key)
        ? "a post Slack accepted but answered after the client's timeout is posted again by a later sweep " +
          "(the sweeper cannot tell it from a failure; telling would need channels:history to find the " +
          "message by its metadata key before retrying)"
        : undefined,
    );
  });
});

// ---------------------------------------------------------------- modals, replies, shares

async function modalCase(
  tally: Tally,
  name: string,
  setUp: (app: Harness) => void,
  expect: "opened" | "triggerExpired" | "failure",
): Promise<void> {
  const app = harness();
  app.fake.reset();
  setUp(app);
  await tally.run(name, async () => {
    const answer = await ask(app, "check", DEFAULT_IDS.admin, 10_000);
    const opens = app.fake.callsTo("views.open").filter((c) => (c.response as Json | undefined)?.ok === true);
    const replies = app.fake.callsTo("response_url");
    if (opens.length > 1) return ["other", `${opens.length} modals opened`];
    if (replies.length > 1) return ["other", `${replies.length} replies`];
    if (expect === "opened") {
      if (opens.length !== 1) return ["other", `no modal (reply: ${answer.text.slice(0, 80)})`];
      if (answer.reply?.method !== "views.update") return ["other", "the modal was never filled"];
      return "handled";
    }
    if (!answer.reply) return ["lost", "the person was told nothing"];
    const wanted = expect === "triggerExpired" ? ja("app.triggerExpired") : ja("errors.internal");
    if (!answer.text.includes(wanted)) return ["other", `told: ${answer.text.slice(0, 100)}`];
    const problem = answer.reply.method === "response_url" ? replyProblem(answer.reply.body) : undefined;
    return problem ? ["other", problem] : "handled";
  });
  app.fake.clearFaults();
}

describe("modals, replies and shares while Slack misbehaves", () => {
  reliabilityIt(
    CATEGORY,
    "views.open and views.update faults: opened after a retry, or the person told",
    async (tally) => {
      h = await startHarness();
      await modalCase(
        tally,
        "views.open: expired_trigger_id",
        (a) => a.fake.failNext("views.open", { error: "expired_trigger_id" }),
        "triggerExpired",
      );
      await modalCase(
        tally,
        "views.open: one HTTP 500, retried",
        (a) => a.fake.failNext("views.open", { status: 500 }),
        "opened",
      );
      await modalCase(
        tally,
        "views.open: HTTP 500 every time",
        (a) => a.fake.failAlways("views.open", { status: 500 }),
        "failure",
      );
      await modalCase(
        tally,
        "views.open: 429 Retry-After 1, retried",
        (a) => a.fake.failNext("views.open", { status: 429, retryAfter: 1 }),
        "opened",
      );
      await modalCase(
        tally,
        "views.open: answered after 3.5 s (the trigger expired meanwhile)",
        (a) => a.fake.failNext("views.open", { delayMs: 3_500 }),
        "triggerExpired",
      );
      await modalCase(
        tally,
        "views.update (filling in): one HTTP 500, retried",
        (a) => a.fake.failNext("views.update", { status: 500 }),
        "opened",
      );
      await modalCase(
        tally,
        "views.update (filling in): hash_conflict, retried",
        (a) => a.fake.failNext("views.update", { error: "hash_conflict" }),
        "opened",
      );
      await modalCase(
        tally,
        "views.update (filling in): HTTP 500 every time",
        (a) => a.fake.failAlways("views.update", { status: 500 }),
        "failure",
      );
    },
  );

  reliabilityIt(CATEGORY, "users.info and response_url faults: one reply per command", async (tally) => {
    h = await startHarness();
    const app = h;
    const cases: Array<[string, () => void]> = [
      [
        "users.info 429 Retry-After 5",
        () => app.fake.failAlways("users.info", { status: 429, retryAfter: 5 }),
      ],
      ["users.info HTTP 500", () => app.fake.failAlways("users.info", { status: 500 })],
      ["users.info answering after 4 s", () => app.fake.failAlways("users.info", { delayMs: 4_000 })],
      ["users.info ratelimited error", () => app.fake.failAlways("users.info", { error: "ratelimited" })],
      ["response_url HTTP 500 once", () => app.fake.failNext("response_url", { status: 500 })],
    ];
    for (const [name, fault] of cases) {
      for (const [i, text] of ["status", "help"].entries()) {
        app.fake.reset();
        app.assistant.services.users.forget({ teamId: app.fake.teamId }, DEFAULT_IDS.owner);
        fault();
        await tally.run(`${name}: /ismap ${text}`, async () => {
          const answer = await ask(app, text, DEFAULT_IDS.owner, 8_000);
          await new Promise((resolve) => setTimeout(resolve, 200));
          const ok = app.fake
            .callsTo("response_url")
            .filter((c: EmulatorCall) => (c.response as Json | undefined)?.ok === true);
          if (ok.length === 0) return ["lost", `no reply (${i})`];
          if (ok.length > 1) return ["other", `${ok.length} replies`];
          if (answer.ms > 3_000 && !name.startsWith("response_url"))
            return ["other", `replied after ${Math.round(answer.ms)} ms`];
          const problem = replyProblem(ok[0]?.body ?? {});
          return problem ? ["other", problem] : "handled";
        });
        app.fake.clearFaults();
      }
    }
  });

  reliabilityIt(CATEGORY, "chat.postMessage faults on share: one post, or the person told", async (tally) => {
    h = await startHarness();
    const app = h;
    const cases: Array<[string, () => void, "posted" | "told"]> = [
      [
        "429 Retry-After 1, retried",
        () => app.fake.failNext("chat.postMessage", { status: 429, retryAfter: 1 }),
        "posted",
      ],
      ["one HTTP 500, retried", () => app.fake.failNext("chat.postMessage", { status: 500 }), "posted"],
      ["not_in_channel", () => app.fake.failNext("chat.postMessage", { error: "not_in_channel" }), "told"],
      ["HTTP 500 every time", () => app.fake.failAlways("chat.postMessage", { status: 500 }), "told"],
    ];
    for (const [name, fault, expect] of cases) {
      app.fake.reset();
      fault();
      await tally.run(`share, ${name}`, async () => {
        const response = await app.send(
          blockActions(app.fake, {
            user: { id: DEFAULT_IDS.owner, name: "oscar" },
            actions: [
              {
                action_id: ACTION.share,
                block_id: "share",
                type: "button",
                value: '{"cmd":"help","args":""}',
              },
            ],
          }),
        );
        if (response.status >= 500) return ["crashed", `HTTP ${response.status}`];
        const deadline = Date.now() + 8_000;
        for (;;) {
          const posts = app.fake
            .callsTo("chat.postMessage")
            .filter((c) => (c.response as Json | undefined)?.ok === true);
          const told = app.fake
            .callsTo("response_url")
            .filter((c) => (c.response as Json | undefined)?.ok === true);
          if (posts.length > 1) return ["other", `${posts.length} posts`];
          if (expect === "posted" && posts.length === 1) return "handled";
          if (expect === "told" && told.length === 1) {
            const text = String(told[0]?.body.text ?? "");
            return text.includes(en("app.inviteBot", { bot: `<@${app.fake.botUserId}>` })) ||
              text.includes(en("errors.internal"))
              ? "handled"
              : ["other", `told: ${text.slice(0, 80)}`];
          }
          if (Date.now() > deadline) return ["lost", `posts ${posts.length}, told ${told.length}`];
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      });
      app.fake.clearFaults();
    }
  });
});
