import { beforeEach, describe, expect, it } from "vitest";
import {
  itemKeyOf,
  occurrenceKey,
  parseOccurrenceKey,
  teamFromScope,
} from "../../src/reminders/occurrence.js";
import {
  DEFAULT_LEAD_DAYS,
  defaultReminderSettings,
  INDEX_SHARDS,
  isActive,
  ReminderSettings,
  ReminderSettingsRepository,
  ReminderSettingsValidationError,
  settingsKey,
  shardOf,
} from "../../src/reminders/settings.js";
import { StoredDocumentInvalidError } from "../../src/store/errors.js";
import { forEachStoreBackend, type StoreBackend } from "../support/redis.js";
import { jst } from "../support/reminders.js";

describe("occurrence keys", () => {
  const id = {
    team: { teamId: "T1" },
    kind: "external" as const,
    subject: "governance",
    dueDate: "2026-12-20",
    lead: 30,
  };

  it("are rem:<teamScope>:<kind>:<subject>:<dueDate>:<lead> and parse back", () => {
    expect(occurrenceKey(id)).toBe("rem:-:T1:external:governance:2026-12-20:30");
    expect(parseOccurrenceKey(occurrenceKey(id))).toEqual(id);
    const grid = {
      ...id,
      team: { enterpriseId: "E1", teamId: "T2" },
      kind: "report" as const,
      subject: "period-2026-09-30",
    };
    expect(occurrenceKey(grid)).toBe("rem:E1:T2:report:period-2026-09-30:2026-12-20:30");
    expect(parseOccurrenceKey(occurrenceKey(grid))).toEqual(grid);
    expect(itemKeyOf(grid)).toBe("E1:T2:report:period-2026-09-30:2026-12-20");
  });

  it("refuse parts that would break the format", () => {
    expect(() => occurrenceKey({ ...id, subject: "a:b" })).toThrow(TypeError);
    expect(() => occurrenceKey({ ...id, subject: "" })).toThrow(TypeError);
    expect(() => occurrenceKey({ ...id, dueDate: "2026-12-20T00" })).toThrow(TypeError);
    expect(() => occurrenceKey({ ...id, lead: -1 })).toThrow(TypeError);
    expect(() => occurrenceKey({ ...id, team: { teamId: "T:1" } })).toThrow(TypeError);
    expect(parseOccurrenceKey("rem:-:T1:nope:x:2026-12-20:1")).toBeUndefined();
    expect(parseOccurrenceKey("profile:-:T1")).toBeUndefined();
    expect(teamFromScope("-:T1")).toEqual({ teamId: "T1" });
    expect(teamFromScope("E1:T1")).toEqual({ enterpriseId: "E1", teamId: "T1" });
    expect(teamFromScope("T1")).toBeUndefined();
  });
});

describe("ReminderSettings schema", () => {
  it("defaults: off, every kind, leads 60/30/7/1, 10:00 JST, weekly digest on, Japanese", () => {
    expect(defaultReminderSettings()).toEqual({
      enabled: false,
      kinds: ["external", "controls", "internal", "report", "validity"],
      leadDays: [...DEFAULT_LEAD_DAYS],
      timeOfDay: "10:00",
      weeklyDigest: true,
      locale: "ja",
    });
    expect(isActive(defaultReminderSettings())).toBe(false);
  });

  it("keeps leads unique and largest first, kinds in canonical order", () => {
    const s = ReminderSettings.parse({ leadDays: [1, 7, 7, 90, 0], kinds: ["report", "external", "report"] });
    expect(s.leadDays).toEqual([90, 7, 1, 0]);
    expect(s.kinds).toEqual(["external", "report"]);
  });

  it("refuses a bad time, lead, channel, or reminders on without a channel", () => {
    for (const bad of [
      { timeOfDay: "24:00" },
      { timeOfDay: "9:00" },
      { leadDays: [] },
      { leadDays: [400] },
      { leadDays: [1.5] },
      { channel: "#general" },
      { kinds: ["digest"] },
      { enabled: true },
    ]) {
      expect(ReminderSettings.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(isActive(ReminderSettings.parse({ enabled: true, channel: "C123" }))).toBe(true);
  });
});

describe("index shards", () => {
  it("spread teams over every shard, stably", () => {
    const shards = new Set(Array.from({ length: 500 }, (_, i) => shardOf(`-:T${i}`)));
    expect(shards.size).toBe(INDEX_SHARDS);
    expect(shardOf("-:T42")).toBe(shardOf("-:T42"));
  });
});

forEachStoreBackend((backend: StoreBackend) => {
  describe("ReminderSettingsRepository", () => {
    let repo: ReminderSettingsRepository;
    /** A second repository as another instance would have: its own connection on Redis; SQLite and memory
     * stores serve one instance, so there it shares the store (and its in-process claims). */
    let other: ReminderSettingsRepository;
    const team = { teamId: "T0TEAM0001" };
    const at = jst("2026-12-01 10:00");

    beforeEach(() => {
      const store = backend.open();
      repo = new ReminderSettingsRepository(store);
      other = new ReminderSettingsRepository(backend.kind === "redis" ? backend.open() : store);
    });

    it("stores settings under reminders:<teamScope> and indexes the team only while reminders are on", async () => {
      expect(await repo.get(team)).toBeUndefined();
      expect(await repo.getOrDefault(team)).toEqual(defaultReminderSettings());
      const saved = await repo.save(
        team,
        { enabled: true, channel: "C0GENERAL1" },
        { actor: "U0ADMIN001", at },
      );
      expect(saved).toMatchObject({ enabled: true, channel: "C0GENERAL1", updatedBy: "U0ADMIN001" });
      expect(settingsKey(team)).toBe("reminders:-:T0TEAM0001");
      expect(await repo.get(team)).toEqual(saved);
      expect(await repo.indexedTeams()).toEqual([team]);
      await repo.save(team, (current) => ({ ...current, enabled: false }), { at });
      expect(await repo.indexedTeams()).toEqual([]);
      expect((await repo.get(team))?.updatedBy).toBe("U0ADMIN001");
    });

    it("activeSince: set when reminders become active, kept while they stay on, reset after a pause", async () => {
      const on = await repo.save(team, { enabled: true, channel: "C0GENERAL1" }, { at });
      expect(on.activeSince).toBe(at.toISOString());
      const later = new Date(at.getTime() + 3_600_000);
      const edited = await repo.save(team, (s) => ({ ...s, timeOfDay: "09:00" }), { at: later });
      expect(edited.activeSince).toBe(at.toISOString());
      await repo.pause(team, "not_in_channel", later);
      const evenLater = new Date(at.getTime() + 7_200_000);
      expect((await repo.save(team, (s) => s, { at: evenLater })).activeSince).toBe(evenLater.toISOString());
      expect(
        (await repo.save(team, (s) => ({ ...s, enabled: false }), { at: evenLater })).activeSince,
      ).toBeUndefined();
    });

    it("refuses invalid settings and writes nothing", async () => {
      await expect(repo.save(team, { enabled: true }, { at })).rejects.toBeInstanceOf(
        ReminderSettingsValidationError,
      );
      expect(await repo.get(team)).toBeUndefined();
      expect(await repo.indexedTeams()).toEqual([]);
    });

    it("pause: exactly one of many concurrent callers wins; the team leaves the index; saving resumes", async () => {
      await repo.save(team, { enabled: true, channel: "C0GENERAL1" }, { at });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? repo : other).pause(team, "not_in_channel", at, "k")),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      const paused = await repo.get(team);
      expect(paused?.paused).toEqual({ reason: "not_in_channel", at: at.toISOString(), key: "k" });
      expect(isActive(paused)).toBe(false);
      expect(await repo.indexedTeams()).toEqual([]);
      expect(await repo.pause(team, "invalid_auth", at)).toBe(false);
      const resumed = await repo.save(team, (current) => current, { actor: "U0ADMIN001", at });
      expect(resumed.paused).toBeUndefined();
      expect(await repo.indexedTeams()).toEqual([team]);
    });

    it("concurrent saves of many teams keep the index complete", async () => {
      const teams = Array.from({ length: 40 }, (_, i) => ({ teamId: `T${String(i).padStart(4, "0")}` }));
      await Promise.all(
        teams.map((t, i) => (i % 2 ? repo : other).save(t, { enabled: true, channel: "C1" }, { at })),
      );
      const indexed = (await repo.indexedTeams()).map((t) => t.teamId).sort();
      expect(indexed).toEqual(teams.map((t) => t.teamId));
      await repo.delete(teams[0] as { teamId: string });
      expect((await repo.indexedTeams()).length).toBe(39);
      expect(await repo.get(teams[0] as { teamId: string })).toBeUndefined();
    });

    it("saveMany writes settings and the index in bulk", async () => {
      const entries = Array.from({ length: 100 }, (_, i) => ({
        team: { enterpriseId: i % 2 ? "E1" : undefined, teamId: `T${i}` },
        settings: { enabled: i % 10 !== 0, channel: "C1" },
      }));
      await repo.saveMany(entries, at);
      expect((await repo.indexedTeams()).length).toBe(90);
      expect(await repo.get({ enterpriseId: "E1", teamId: "T1" })).toMatchObject({
        enabled: true,
        channel: "C1",
      });
    });

    it("a corrupt settings document is reported, never half understood", async () => {
      const store = backend.open();
      await store.set(settingsKey(team), { enabled: "yes" });
      const reader = backend.kind === "memory" ? new ReminderSettingsRepository(store) : repo;
      await expect(reader.get(team)).rejects.toBeInstanceOf(StoredDocumentInvalidError);
    });
  });
});
