/**
 * The store fails in the middle of a run: a private Redis (AOF, appendfsync always) killed and started again; a
 * SQLite file made read-only (immutable) and then writable again; a SQLite file locked by another connection.
 * While it is down every command that needs it answers within 3 s with "temporarily unavailable, nothing was
 * changed" (commands that do not need it answer as usual), the process stays up, and once the store is back the app
 * works again without a restart, with every write it had confirmed to someone still there and none of the refused
 * ones.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { PROFILE_FIELDS } from "../../src/slack/forms/fields.js";
import { type Harness, startHarness } from "../support/harness.js";
import { mark, openByCommand, PEOPLE, textOf } from "../support/modals.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { ask, STORE_READING_COMMANDS } from "../support/reliability/commands.js";
import { replyProblem } from "../support/reliability/replies.js";
import { reliabilityIt, type Tally } from "../support/reliability/tally.js";

const CATEGORY = "Store faults";
const ja = createTranslator("ja");
const en = createTranslator("en");
const UNAVAILABLE = [ja("app.storeUnavailable"), en("app.storeUnavailable")];
const ANSWER_WITHIN_MS = 3_000;

let h: Harness | undefined;
let redis: RedisServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  await redis?.dispose();
  if (dir) {
    for (const file of ["s.sqlite", "s.sqlite-wal"]) {
      if (existsSync(join(dir, file))) execFileSync("chattr", ["-i", join(dir, file)], { stdio: "ignore" });
    }
    await rm(dir, { recursive: true, force: true });
  }
  h = undefined;
  redis = undefined;
  dir = undefined;
});

const team = () => ({ teamId: (h as Harness).fake.teamId });
const writer = (phase: string, i: number) => `U0${phase}${String(i).padStart(4, "0")}`;

/** `/ismap lang en` as a new person: confirmed when the reply says so (in English). */
async function confirmedWrites(tally: Tally, phase: string, count: number): Promise<string[]> {
  const confirmed: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = writer(phase, i);
    await tally.run(`write ${user} while the store is up`, async () => {
      const answer = await ask(h as Harness, "lang en", user);
      if (!answer.reply) return ["lost", "no reply"];
      if (!answer.text.includes(en("app.langSet"))) return ["other", `reply: ${answer.text.slice(0, 100)}`];
      confirmed.push(user);
      return "handled";
    });
  }
  return confirmed;
}

/** A profile edit saved through the modal; confirmed by the "saved" view. */
async function confirmedProfileSave(tally: Tally, name: string): Promise<boolean> {
  let saved = false;
  await tally.run(`profile saved as "${name}" while the store is up`, async () => {
    const { modal } = await openByCommand(h as Harness, "profile", PEOPLE.admin);
    const since = mark(h as Harness);
    const { ack } = await modal.submit({ [PROFILE_FIELDS.name.block]: name });
    if (ack?.response_action !== "update") return ["other", "no update ack"];
    const view = await modal.nextUpdate(since).catch(() => undefined);
    if (!view || !textOf(view).includes(ja("app.savedTitle"))) return ["other", "no 'saved' confirmation"];
    saved = true;
    return "handled";
  });
  return saved;
}

/**
 * While the store is down: commands that need it answer within 3 s with the message; those that do not answer as
 * usual; a write is refused. Returns the people whose writes were refused (to check nothing was written).
 */
async function whileDown(
  tally: Tally,
  phase: string,
  options: { readsWork?: boolean } = {},
): Promise<string[]> {
  const refusedWriters = Array.from({ length: 4 }, (_, i) => writer(phase, i));
  const openModal = ["check", "profile"];
  const noStore = ["help", "about", "ask ISMAPとは何ですか"];
  const runs: Promise<unknown>[] = [];
  for (const user of refusedWriters) {
    runs.push(
      tally.run(`write by ${user} while the store is down`, async () => {
        const answer = await ask(h as Harness, "lang en", user);
        if (!answer.reply) return ["lost", "no reply at all"];
        if (answer.ms > ANSWER_WITHIN_MS) return ["other", `answered after ${Math.round(answer.ms)} ms`];
        if (!UNAVAILABLE.some((m) => answer.text.includes(m)))
          return ["other", `reply: ${answer.text.slice(0, 120)}`];
        return "handled";
      }),
    );
  }
  for (const text of [...STORE_READING_COMMANDS, ...openModal]) {
    runs.push(
      tally.run(`/ismap ${text} while the store is down`, async () => {
        const answer = await ask(h as Harness, text, DEFAULT_IDS.admin);
        if (!answer.reply) return ["lost", "no reply at all"];
        if (answer.ms > ANSWER_WITHIN_MS) return ["other", `answered after ${Math.round(answer.ms)} ms`];
        const unavailable = UNAVAILABLE.some((m) => answer.text.includes(m));
        // With reads still working (read-only or locked SQLite), a normal answer is right too.
        if (!unavailable && !options.readsWork) return ["other", `reply: ${answer.text.slice(0, 120)}`];
        if (answer.reply.method === "response_url") {
          const problem = replyProblem(answer.reply.body);
          if (problem) return ["other", problem];
        }
        return "handled";
      }),
    );
  }
  for (const text of noStore) {
    runs.push(
      tally.run(`/ismap ${text} (no store needed) while the store is down`, async () => {
        const answer = await ask(h as Harness, text, DEFAULT_IDS.member);
        if (!answer.reply) return ["lost", "no reply at all"];
        if (answer.ms > ANSWER_WITHIN_MS) return ["other", `answered after ${Math.round(answer.ms)} ms`];
        const problem = replyProblem(answer.reply.body);
        return problem ? ["other", problem] : "handled";
      }),
    );
  }
  await Promise.all(runs);
  return refusedWriters;
}

/** A profile modal opened before the outage and submitted during it: the ack itself says so, within 3 s. */
async function submitDuringOutage(
  tally: Tally,
  opened: Awaited<ReturnType<typeof openByCommand>>,
): Promise<void> {
  await tally.run("profile modal submitted while the store is down", async () => {
    const since = mark(h as Harness);
    const started = performance.now();
    const { ack } = await opened.modal.submit({ [PROFILE_FIELDS.name.block]: "During outage" });
    const ms = performance.now() - started;
    if (ms > ANSWER_WITHIN_MS) return ["other", `acknowledged after ${Math.round(ms)} ms`];
    const text = textOf(ack?.view) + textOf(opened.modal.view);
    let shown = UNAVAILABLE.some((m) => text.includes(m));
    // The ack may be "saving…", with the message following as an update of the modal.
    if (!shown) {
      const view = await opened.modal.nextUpdate(since).catch(() => undefined);
      shown = UNAVAILABLE.some((m) => textOf(view).includes(m));
    }
    return shown ? "handled" : ["other", `the modal said: ${text.slice(0, 120)}`];
  });
}

/** After the outage: the app works again (bounded wait), confirmed writes are there, refused ones are not. */
async function afterRecovery(
  tally: Tally,
  phase: string,
  confirmed: string[],
  refused: string[],
  profileName: string | undefined,
): Promise<void> {
  await tally.run("works again without a restart", async () => {
    const deadline = Date.now() + 20_000;
    for (let i = 0; Date.now() < deadline; i++) {
      const answer = await ask(h as Harness, "lang en", writer(`${phase}R`, i));
      if (answer.text.includes(en("app.langSet"))) {
        confirmed.push(writer(`${phase}R`, i));
        return "handled";
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return ["other", "writes still refused 20 s after the store came back"];
  });
  const preferences = (h as Harness).assistant.services.preferences;
  for (const user of confirmed) {
    await tally.run(`confirmed write of ${user} is still there`, async () => {
      const prefs = await preferences.get(team(), user);
      return prefs.locale === "en" ? "handled" : ["lost", `locale ${String(prefs.locale)}`];
    });
  }
  for (const user of refused) {
    await tally.run(`refused write of ${user} left nothing behind`, async () => {
      const prefs = await preferences.get(team(), user);
      return prefs.locale === undefined ? "handled" : ["other", `locale ${prefs.locale} was written`];
    });
  }
  if (profileName !== undefined) {
    await tally.run("the confirmed profile save is still there, the refused one is not", async () => {
      const stored = await (h as Harness).assistant.services.profiles.get(team());
      if (stored.profile.service.name !== profileName) {
        return ["lost", `service name ${JSON.stringify(stored.profile.service.name)}`];
      }
      return stored.revision === 1 ? "handled" : ["other", `revision ${stored.revision}`];
    });
  }
  await tally.run("the process is still up and answering", async () => {
    const answer = await ask(h as Harness, "help", DEFAULT_IDS.member);
    return answer.reply ? "handled" : ["crashed", "no answer"];
  });
}

describe("Redis stopped in the middle of a run", () => {
  reliabilityIt(CATEGORY, "private Redis (AOF) killed, then started again", async (tally) => {
    redis = await startRedisServer({ aof: true });
    h = await startHarness({ storeUrl: redis.url });
    const confirmed = await confirmedWrites(tally, "RA", 20);
    const profileSaved = await confirmedProfileSave(tally, "Before the outage");
    const pending = await openByCommand(h, "profile", PEOPLE.admin);

    await redis.kill();
    const refused = await whileDown(tally, "RB");
    await submitDuringOutage(tally, pending);
    await redis.start();
    await afterRecovery(tally, "RC", confirmed, refused, profileSaved ? "Before the outage" : undefined);
  });
});

function chattr(flag: "+i" | "-i", files: string[]): boolean {
  try {
    execFileSync("chattr", [flag, ...files], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Whether this machine can make a file immutable (root on ext4/xfs…); else the read-only case cannot run. */
async function canMakeImmutable(): Promise<boolean> {
  const probeDir = await mkdtemp(join(tmpdir(), "ismap-chattr-"));
  const file = join(probeDir, "probe");
  execFileSync("touch", [file]);
  const ok = chattr("+i", [file]) && chattr("-i", [file]);
  await rm(probeDir, { recursive: true, force: true });
  return ok;
}
const immutable = await canMakeImmutable();
if (!immutable)
  console.warn("[reliability] SKIPPING the read-only SQLite case: chattr +i is not available here");

describe.skipIf(!immutable)("SQLite made read-only, then writable again", () => {
  reliabilityIt(CATEGORY, "the SQLite file made immutable in the middle of a run", async (tally) => {
    dir = await mkdtemp(join(tmpdir(), "ismap-ro-"));
    const file = join(dir, "s.sqlite");
    h = await startHarness({ storeUrl: `sqlite://${file}` });
    const confirmed = await confirmedWrites(tally, "SA", 20);
    const profileSaved = await confirmedProfileSave(tally, "Before read-only");
    const pending = await openByCommand(h, "profile", PEOPLE.admin);

    // The database and its write-ahead log. Not the -shm index: SQLite maps it into memory, and a write to an
    // immutable mapped file kills the process with SIGBUS (a fault no app can answer).
    const files = [file, `${file}-wal`].filter(existsSync);
    if (!chattr("+i", files)) throw new Error("chattr +i failed");
    const refused = await whileDown(tally, "SB", { readsWork: true });
    await submitDuringOutage(tally, pending);
    chattr("-i", files);
    await afterRecovery(tally, "SC", confirmed, refused, profileSaved ? "Before read-only" : undefined);
  });
});

describe("SQLite locked by another connection", () => {
  reliabilityIt(
    CATEGORY,
    "an exclusive transaction held by another connection, then released",
    async (tally) => {
      dir = await mkdtemp(join(tmpdir(), "ismap-lock-"));
      const file = join(dir, "s.sqlite");
      h = await startHarness({ storeUrl: `sqlite://${file}` });
      const confirmed = await confirmedWrites(tally, "LA", 20);
      const profileSaved = await confirmedProfileSave(tally, "Before the lock");
      const pending = await openByCommand(h, "profile", PEOPLE.admin);

      const other = new Database(file);
      other.exec("BEGIN EXCLUSIVE");
      let refused: string[];
      try {
        refused = await whileDown(tally, "LB", { readsWork: true });
        await submitDuringOutage(tally, pending);
      } finally {
        other.exec("COMMIT");
        other.close();
      }
      await afterRecovery(tally, "LC", confirmed, refused, profileSaved ? "Before the lock" : undefined);
    },
  );
});
