/**
 * 50 simultaneous edits of one team's profile. Through the app's modal submission path: 50 admins' forms, all
 * based on revision 0, submitted at once: exactly one is saved and confirmed, every other person is told their
 * edit was refused (someone else saved first), and the stored profile and history are the saved edit's. Through
 * the repository (as two instances would, on SQLite and on a private Redis): 50 saves at once, each retried on a
 * stale base like a person saving again; the final profile is the last successful save and the history holds
 * every successful one; every refusal is reported to its caller.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { ProfileBusyError, ProfileRepository } from "../../src/profile/repository.js";
import { PROFILE_FIELDS } from "../../src/slack/forms/fields.js";
import { openStore } from "../../src/store/keyv-factory.js";
import type { Store } from "../../src/store/store.js";
import { type Harness, startHarness } from "../support/harness.js";
import { mark, type Opened, openByCommand, PEOPLE, textOf, waitForViewUpdate } from "../support/modals.js";
import { type RedisServer, startRedisServer } from "../support/redis-server.js";
import { reliabilityIt, type Tally } from "../support/reliability/tally.js";

const CATEGORY = "Concurrency";
const ja = createTranslator("ja");
const en = createTranslator("en");
const EDITS = 50;

let h: Harness | undefined;
let redis: RedisServer | undefined;
let dir: string | undefined;
const stores: Store[] = [];
afterEach(async () => {
  await h?.close();
  await Promise.all(stores.splice(0).map((s) => s.close()));
  await redis?.dispose();
  if (dir) await rm(dir, { recursive: true, force: true });
  h = undefined;
  redis = undefined;
  dir = undefined;
});

const stalePrefix = (t: typeof ja) => t("app.staleProfile", { revision: 999 }).split("999")[0] as string;

describe("50 simultaneous profile edits through the modal", () => {
  reliabilityIt(CATEGORY, "one saved and confirmed, every other person told", async (tally) => {
    dir = await mkdtemp(join(tmpdir(), "ismap-conc-"));
    h = await startHarness({ storeUrl: `sqlite://${join(dir, "c.sqlite")}` });
    const app = h;
    const people = [PEOPLE.admin, PEOPLE.owner];
    const opened: Opened[] = [];
    for (let i = 0; i < EDITS; i++)
      opened.push(await openByCommand(app, "profile", people[i % 2] as (typeof people)[number]));
    const since = mark(app);

    const results = await Promise.all(
      opened.map(async ({ modal }, i) => {
        const name = `Edit number ${i}`;
        const { ack } = await modal.submit({ [PROFILE_FIELDS.name.block]: name });
        const t = modal.user.id === PEOPLE.owner.id ? en : ja;
        const ackText = textOf(ack?.view);
        // Refused at once: the form comes back with the note.
        if (ackText.includes(stalePrefix(t))) return { i, name, outcome: "refused" as const, text: ackText };
        // Accepted for saving: the modal is then updated with the result.
        const update = await waitForViewUpdate(app, modal.id, since).catch(() => undefined);
        const text = textOf(update ? app.fake.view(modal.id) : undefined);
        if (text.includes(t("app.savedTitle"))) return { i, name, outcome: "saved" as const, text };
        if (text.includes(stalePrefix(t)) || text.includes(t("errors.conflict"))) {
          return { i, name, outcome: "refused" as const, text };
        }
        return { i, name, outcome: "silent" as const, text: `${ackText} / ${text}` };
      }),
    );

    const saved = results.filter((r) => r.outcome === "saved");
    for (const r of results) {
      tally.record(
        `edit ${r.i}`,
        r.outcome === "silent" ? "other" : "handled",
        r.outcome === "silent" ? `not told what became of it: ${r.text.slice(0, 100)}` : undefined,
      );
    }
    const stored = await app.assistant.services.profiles.get({ teamId: app.fake.teamId });
    const history = await app.assistant.services.profiles.history({ teamId: app.fake.teamId });
    await tally.run("exactly one edit saved (all were based on revision 0)", async () =>
      saved.length === 1 ? "handled" : ["other", `${saved.length} saved`],
    );
    await tally.run("the stored profile is the confirmed edit", async () =>
      stored.revision === 1 && stored.profile.service.name === saved[0]?.name
        ? "handled"
        : ["lost", `revision ${stored.revision}, name ${JSON.stringify(stored.profile.service.name)}`],
    );
    await tally.run("the history holds the confirmed edit, and only it", async () =>
      history.length === 1 &&
      history[0]?.revision === 1 &&
      history[0]?.changes.some((c) => c.path === "service.name" && c.after === saved[0]?.name)
        ? "handled"
        : ["lost", `history: ${JSON.stringify(history.map((e) => e.revision))}`],
    );
  });
});

async function repositoryRace(tally: Tally, label: string, repositories: ProfileRepository[]): Promise<void> {
  const team = { teamId: "T0CONCUR01" };
  type Result = { i: number; revision?: number; refused?: string };
  const attempt = async (i: number): Promise<Result> => {
    const repo = repositories[i % repositories.length] as ProfileRepository;
    // A person saving again after being told someone else was first: up to 100 tries.
    for (let tries = 0; tries < 100; tries++) {
      const { revision } = await repo.get(team);
      try {
        const result = await repo.save(team, {
          baseRevision: revision,
          actor: `U0EDITOR${String(i).padStart(2, "0")}`,
          at: new Date(),
          summary: `edit ${i}`,
          update: (profile) => ({
            ...profile,
            service: { ...profile.service, name: `Edit ${i}` },
            audits: {
              ...profile.audits,
              external: [
                ...profile.audits.external,
                { id: `edit-${i}`, part: "governance" as const, date: "2026-01-01" },
              ],
            },
          }),
        });
        if (result.ok) return { i, revision: result.revision };
      } catch (error) {
        if (error instanceof ProfileBusyError) return { i, refused: "busy" };
        throw error;
      }
    }
    return { i, refused: "stale 100 times" };
  };
  const results = await Promise.all(Array.from({ length: EDITS }, (_, i) => attempt(i)));
  const saved = results
    .filter((r) => r.revision !== undefined)
    .sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  for (const r of results) tally.record(`${label}: edit ${r.i} saved or refused to its caller`, "handled");

  const stored = await (repositories[0] as ProfileRepository).get(team);
  const history = await (repositories[0] as ProfileRepository).history(team);
  const last = saved.at(-1);
  await tally.run(`${label}: revisions 1…n, one per successful save`, async () =>
    saved.every((r, k) => r.revision === k + 1) && stored.revision === saved.length
      ? "handled"
      : ["lost", `revisions ${saved.map((r) => r.revision).join(",")}; stored ${stored.revision}`],
  );
  await tally.run(`${label}: the final profile is the last successful save`, async () =>
    stored.profile.service.name === `Edit ${last?.i}`
      ? "handled"
      : ["lost", `name ${stored.profile.service.name}`],
  );
  await tally.run(`${label}: every successful edit is in the profile and in the history`, async () => {
    const audits = new Set(stored.profile.audits.external.map((a) => a.id));
    const missing = saved.filter((r) => !audits.has(`edit-${r.i}`));
    const actors = history.map((e) => e.actor).reverse();
    const expected = saved.map((r) => `U0EDITOR${String(r.i).padStart(2, "0")}`);
    if (missing.length > 0)
      return ["lost", `edits missing from the profile: ${missing.map((r) => r.i).join(",")}`];
    if (JSON.stringify(actors) !== JSON.stringify(expected))
      return ["lost", "the history does not match the saves"];
    return "handled";
  });
}

describe("50 simultaneous saves through the repository", () => {
  reliabilityIt(CATEGORY, "SQLite (one instance)", async (tally) => {
    dir = await mkdtemp(join(tmpdir(), "ismap-conc-"));
    const store = openStore(`sqlite://${join(dir, "r.sqlite")}`);
    stores.push(store);
    await repositoryRace(tally, "SQLite", [new ProfileRepository(store, { lockWaitMs: 20_000 })]);
  });

  reliabilityIt(CATEGORY, "private Redis, two instances (two connections)", async (tally) => {
    redis = await startRedisServer();
    const a = openStore(redis.url);
    const b = openStore(redis.url);
    stores.push(a, b);
    await repositoryRace(tally, "Redis", [
      new ProfileRepository(a, { lockWaitMs: 20_000 }),
      new ProfileRepository(b, { lockWaitMs: 20_000 }),
    ]);
  });
});
