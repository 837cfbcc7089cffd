import { expect, it } from "vitest";
import {
  ProfileRepository,
  ProfileValidationError,
  type SaveResult,
  type TeamKey,
} from "../../src/profile/repository.js";
import { emptyProfile, type ServiceProfile } from "../../src/rules/service-profile.js";
import { StoredDocumentInvalidError } from "../../src/store/errors.js";
import { historyKey, profileKey } from "../../src/store/keys.js";
import { forEachStoreBackend } from "../support/redis.js";

const TEAM_A: TeamKey = { teamId: "TA" };
const TEAM_B: TeamKey = { teamId: "TB" };
const GRID_A: TeamKey = { enterpriseId: "E1", teamId: "TA" };
const AT = new Date("2025-03-31T14:59:59.000Z");

function named(name: string) {
  return (profile: ServiceProfile): ServiceProfile => ({ ...profile, service: { ...profile.service, name } });
}

forEachStoreBackend((backend) => {
  it("gives a new team the empty profile at revision 0", async () => {
    const repository = new ProfileRepository(backend.open());
    expect(await repository.get(TEAM_A)).toEqual({ revision: 0, profile: emptyProfile() });
    expect(await repository.history(TEAM_A)).toEqual([]);
  });

  it("saves new revisions and records who changed what, newest first", async () => {
    const repository = new ProfileRepository(backend.open());
    const first = await repository.save(TEAM_A, {
      baseRevision: 0,
      actor: "U1",
      at: AT,
      update: named("Kumo"),
    });
    expect(first).toMatchObject({ ok: true, revision: 1 });
    const second = await repository.save(TEAM_A, {
      baseRevision: 1,
      actor: "U2",
      at: new Date("2025-04-01T01:00:00.000Z"),
      summary: "added an audit",
      update: (profile) => {
        profile.audits.external.push({
          id: "A1",
          part: "controls",
          date: "2025-03-01",
          objectiveIds: ["5.1.1"],
        });
        profile.registration.status = "preparing";
        return profile;
      },
    });
    expect(second).toMatchObject({ ok: true, revision: 2 });

    const stored = await repository.get(TEAM_A);
    expect(stored.revision).toBe(2);
    expect(stored.updatedBy).toBe("U2");
    expect(stored.updatedAt).toBe("2025-04-01T01:00:00.000Z");
    expect(stored.profile.service.name).toBe("Kumo");
    expect(stored.profile.audits.external.map((audit) => audit.id)).toEqual(["A1"]);

    const history = await repository.history(TEAM_A);
    expect(history).toEqual([
      {
        revision: 2,
        actor: "U2",
        at: "2025-04-01T01:00:00.000Z",
        summary: "added an audit",
        changes: [
          {
            path: "audits.external[id=A1]",
            after: { id: "A1", part: "controls", date: "2025-03-01", objectiveIds: ["5.1.1"] },
          },
          { path: "registration.status", before: "not_started", after: "preparing" },
        ],
      },
      {
        revision: 1,
        actor: "U1",
        at: "2025-03-31T14:59:59.000Z",
        changes: [{ path: "service.name", before: "", after: "Kumo" }],
      },
    ]);
    expect(await repository.history(TEAM_A, { limit: 1 })).toHaveLength(1);
  });

  it("accepts the new profile itself instead of an update function", async () => {
    const repository = new ProfileRepository(backend.open());
    const result = await repository.save(TEAM_A, {
      baseRevision: 0,
      actor: "U1",
      at: AT,
      update: { schemaVersion: 1, editors: ["U9"] },
    });
    expect(result.ok && result.profile.editors).toEqual(["U9"]);
    expect((await repository.get(TEAM_A)).profile).toEqual({ ...emptyProfile(), editors: ["U9"] });
  });

  it("makes no revision and no history entry for a save that changes nothing", async () => {
    const repository = new ProfileRepository(backend.open());
    const update = { schemaVersion: 1 as const, editors: ["U9"] };
    await repository.save(TEAM_A, { baseRevision: 0, actor: "U1", at: AT, update });
    const again = await repository.save(TEAM_A, { baseRevision: 1, actor: "U2", at: AT, update });
    expect(again).toMatchObject({ ok: true, revision: 1 });
    expect((await repository.get(TEAM_A)).revision).toBe(1);
    expect((await repository.history(TEAM_A)).map((e) => e.revision)).toEqual([1]);
  });

  it("refuses a save based on an old revision as stale, returning the current profile", async () => {
    const repository = new ProfileRepository(backend.open());
    await repository.save(TEAM_A, { baseRevision: 0, actor: "U1", at: AT, update: named("First") });
    const late = await repository.save(TEAM_A, {
      baseRevision: 0,
      actor: "U2",
      at: AT,
      update: named("Second"),
    });
    expect(late).toMatchObject({ ok: false, reason: "stale", current: { revision: 1 } });
    if (!late.ok) expect(late.current.profile.service.name).toBe("First");
    const ahead = await repository.save(TEAM_A, {
      baseRevision: 7,
      actor: "U2",
      at: AT,
      update: named("Third"),
    });
    expect(ahead.ok).toBe(false);
    expect((await repository.get(TEAM_A)).profile.service.name).toBe("First");
  });

  it("lets exactly one of 50 simultaneous saves on one base revision through", async () => {
    const repository = new ProfileRepository(backend.open());
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        repository.save(TEAM_A, { baseRevision: 0, actor: `U${i}`, at: AT, update: named(`Name ${i}`) }),
      ),
    );
    expectOneWinner(results);
    expect((await repository.get(TEAM_A)).revision).toBe(1);
    expect(await repository.history(TEAM_A)).toHaveLength(1);
  });

  if (backend.kind === "redis") {
    it("lets exactly one through when 50 saves race from two app processes sharing Redis", async () => {
      const one = new ProfileRepository(backend.open());
      const two = new ProfileRepository(backend.open());
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, i) =>
          (i % 2 === 0 ? one : two).save(TEAM_A, {
            baseRevision: 0,
            actor: `U${i}`,
            at: AT,
            update: named(`Name ${i}`),
          }),
        ),
      );
      const winner = expectOneWinner(results);
      expect((await two.get(TEAM_A)).profile.service.name).toBe(winner.profile.service.name);
      expect(await one.history(TEAM_A)).toHaveLength(1);
    });
  }

  it("keeps teams apart, and an Enterprise Grid team apart from a plain team with the same id", async () => {
    const repository = new ProfileRepository(backend.open());
    await repository.save(TEAM_A, { baseRevision: 0, actor: "U1", at: AT, update: named("A") });
    await repository.save(GRID_A, { baseRevision: 0, actor: "U2", at: AT, update: named("Grid A") });
    expect((await repository.get(TEAM_B)).revision).toBe(0);
    expect((await repository.get(TEAM_B)).profile.service.name).toBe("");
    expect((await repository.get(TEAM_A)).profile.service.name).toBe("A");
    expect((await repository.get(GRID_A)).profile.service.name).toBe("Grid A");
    expect(await repository.history(TEAM_B)).toEqual([]);
    expect((await repository.history(GRID_A)).map((entry) => entry.actor)).toEqual(["U2"]);
    expect(profileKey(GRID_A)).toBe("profile:E1:TA");
    expect(historyKey(TEAM_A)).toBe("history:-:TA");
    // Ids cannot smuggle a separator into another team's key.
    await expect(repository.get({ teamId: "TA:x" })).rejects.toThrow(TypeError);
    await expect(repository.get({ enterpriseId: "-", teamId: "TA" })).rejects.toThrow(TypeError);
  });

  it("refuses an invalid new profile, naming the field, and writes nothing", async () => {
    const repository = new ProfileRepository(backend.open());
    const attempt = repository.save(TEAM_A, {
      baseRevision: 0,
      actor: "U1",
      at: AT,
      update: (profile) => {
        profile.audits.internal.push({ id: "I1", date: "31/03/2025", objectiveIds: ["5.1.1"] });
        return profile;
      },
    });
    await expect(attempt).rejects.toBeInstanceOf(ProfileValidationError);
    await expect(attempt).rejects.toThrow(/audits\.internal\.0\.date/);
    const error = (await attempt.catch((caught: unknown) => caught)) as ProfileValidationError;
    expect(error.issues).toEqual([{ path: "audits.internal.0.date", message: "date must be YYYY-MM-DD" }]);
    expect(await repository.get(TEAM_A)).toEqual({ revision: 0, profile: emptyProfile() });
    expect(await repository.history(TEAM_A)).toEqual([]);
    // The lock was released: a valid save goes through.
    expect(
      (await repository.save(TEAM_A, { baseRevision: 0, actor: "U1", at: AT, update: named("ok") })).ok,
    ).toBe(true);
  });

  it("refuses an invalid stored document with a typed error instead of returning it", async () => {
    const store = backend.open();
    const repository = new ProfileRepository(store);
    await store.set(profileKey(TEAM_A), { revision: "one", profile: {} });
    await expect(repository.get(TEAM_A)).rejects.toBeInstanceOf(StoredDocumentInvalidError);
    await store.set(profileKey(TEAM_A), { revision: 3, profile: { schemaVersion: 1, editors: "U1" } });
    await expect(repository.get(TEAM_A)).rejects.toThrow(/profile: editors/);
    await store.set(profileKey(TEAM_A), { revision: 3, profile: { schemaVersion: 99 } });
    await expect(repository.get(TEAM_A)).rejects.toThrow(/newer than this app/);
    await expect(
      repository.save(TEAM_A, { baseRevision: 3, actor: "U1", at: AT, update: named("x") }),
    ).rejects.toBeInstanceOf(StoredDocumentInvalidError);

    await store.set(historyKey(TEAM_B), { entries: [{ revision: 1 }] });
    await expect(repository.history(TEAM_B)).rejects.toBeInstanceOf(StoredDocumentInvalidError);
  });

  it("reads a profile stored by the first release (v0) and saves it in the current shape", async () => {
    const store = backend.open();
    const repository = new ProfileRepository(store);
    await store.set(profileKey(TEAM_A), {
      revision: 4,
      profile: {
        serviceName: "Kumo Docs",
        audits: [{ id: "I1", kind: "internal", date: "2024-09-30", objectiveIds: ["5.1.1"] }],
      },
    });
    const stored = await repository.get(TEAM_A);
    expect(stored.revision).toBe(4);
    expect(stored.profile.schemaVersion).toBe(1);
    expect(stored.profile.service.name).toBe("Kumo Docs");
    expect(stored.profile.audits.internal).toEqual([
      { id: "I1", date: "2024-09-30", objectiveIds: ["5.1.1"] },
    ]);
    const saved = await repository.save(TEAM_A, {
      baseRevision: 4,
      actor: "U1",
      at: AT,
      update: named("Kumo"),
    });
    expect(saved).toMatchObject({ ok: true, revision: 5 });
    const raw = (await store.get(profileKey(TEAM_A))) as { profile: Record<string, unknown> };
    expect(raw.profile.schemaVersion).toBe(1);
    expect(raw.profile).not.toHaveProperty("serviceName");
  });

  it("keeps only the newest entries of history", async () => {
    const repository = new ProfileRepository(backend.open(), { historyLimit: 3 });
    for (let revision = 0; revision < 5; revision++) {
      const result = await repository.save(TEAM_A, {
        baseRevision: revision,
        actor: "U1",
        at: AT,
        update: named(`v${revision + 1}`),
      });
      expect(result.ok).toBe(true);
    }
    expect((await repository.history(TEAM_A)).map((entry) => entry.revision)).toEqual([5, 4, 3]);
  });

  it("hides a history entry whose profile write never happened, and replaces it on the next save", async () => {
    const store = backend.open();
    const repository = new ProfileRepository(store);
    await repository.save(TEAM_A, { baseRevision: 0, actor: "U1", at: AT, update: named("one") });
    const ghost = { revision: 2, actor: "U_GHOST", at: AT.toISOString(), changes: [] };
    const history = (await store.get(historyKey(TEAM_A))) as { entries: unknown[] };
    await store.set(historyKey(TEAM_A), { entries: [...history.entries, ghost] });
    expect((await repository.history(TEAM_A)).map((entry) => entry.actor)).toEqual(["U1"]);
    await repository.save(TEAM_A, { baseRevision: 1, actor: "U2", at: AT, update: named("two") });
    expect((await repository.history(TEAM_A)).map((entry) => entry.actor)).toEqual(["U2", "U1"]);
  });
});

function expectOneWinner(results: SaveResult[]): Extract<SaveResult, { ok: true }> {
  const winners = results.filter((result): result is Extract<SaveResult, { ok: true }> => result.ok);
  expect(winners).toHaveLength(1);
  expect(results.filter((result) => !result.ok && result.reason === "stale")).toHaveLength(49);
  const [winner] = winners;
  if (!winner) throw new Error("no winner");
  expect(winner.revision).toBe(1);
  return winner;
}
