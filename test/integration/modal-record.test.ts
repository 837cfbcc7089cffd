/**
 * Recording an audit over HTTP: the modal, the objective search behind its external select (block_suggestion),
 * what a record saves and how `/ismap audits` changes with it, the date and objective checks, and who may record.
 */
import { describe, expect, it } from "vitest";
import { blockSuggestion, type RequestUser } from "../../dev/slack-requests/index.js";
import { ACTION, CALLBACK } from "../../src/slack/contract/ids.js";
import { RECORD_FIELDS } from "../../src/slack/forms/fields.js";
import { useHarness } from "../support/harness.js";
import {
  en,
  inputIds,
  ja,
  type Modal,
  mark,
  openByCommand,
  PEOPLE,
  textOf,
  waitForPublish,
} from "../support/modals.js";
import { blockIdsOf, type Entry, initialOf, valuesFor } from "../support/view-state.js";

type Json = Record<string, unknown>;
interface Option {
  text: { type: string; text: string };
  value: string;
}

const h = useHarness({ expectValidBlocks: true });

const team = () => ({ teamId: h.fake.teamId });
const F = blockIdsOf(RECORD_FIELDS);
const TOTAL = 121;

/** What the objective picker offers for `query` (a signed block_suggestion, answered on the HTTP response). */
async function suggest(query: string, user: RequestUser = PEOPLE.admin, view?: Json): Promise<Option[]> {
  const response = await h.send(
    blockSuggestion(h.fake, {
      user,
      actionId: ACTION.objectiveSelect,
      blockId: F.objectives,
      value: query,
      ...(view ? { view } : {}),
    }),
  );
  expect(response.status).toBe(200);
  const body = JSON.parse(response.body) as { options: Option[] };
  expect(Array.isArray(body.options)).toBe(true);
  return body.options;
}

/** The internal coverage line of `/ismap audits`, for comparison before and after a record. */
async function coverageLine(user: RequestUser = PEOPLE.admin): Promise<string> {
  const { reply } = await h.command("audits", user.id);
  const text = textOf(reply.body);
  const line = text
    .split("\n")
    .find((l) => /統制目標 \d+\/\d+ をカバー|\d+ of \d+ control objectives covered/.test(l));
  if (!line) throw new Error(`no coverage line in:\n${text}`);
  // Without the status mark in front (the timeline's, checked by the audits view tests).
  return line.replace(/^:[a-z_]+: /, "");
}

/** Submits a record that saves; resolves once the confirmation is shown and the App Home republished. */
async function record(modal: Modal, changes: Record<string, Entry>): Promise<void> {
  const since = mark(h);
  const { ack } = await modal.submit(changes);
  expect(ack?.response_action).toBe("update");
  expect(modal.callbackId).toBe(CALLBACK.result);
  await modal.nextUpdate(since);
  await waitForPublish(h, modal.user.id, since);
}

describe("the objective search", () => {
  it.each([
    ["9.2", PEOPLE.admin, (o: Option) => o.value.startsWith("9.2.")],
    ["特権", PEOPLE.admin, (o: Option) => o.text.text.includes("特権")],
    ["privileged", PEOPLE.owner, (o: Option) => /privileged/i.test(o.text.text)],
  ])(
    "%s: at most 100 options of at most 75 characters, each a catalogue id that matches",
    async (q, who, fits) => {
      const catalogue = new Set(h.assistant.services.engine.rules.objectives.objectives.map((o) => o.id));
      const { modal } = await openByCommand(h, "record", who);
      const options = await suggest(q, who, modal.view);
      expect(options.length).toBeGreaterThan(0);
      expect(options.length).toBeLessThanOrEqual(100);
      for (const option of options) {
        expect(option.text.type).toBe("plain_text");
        expect(option.text.text.length).toBeLessThanOrEqual(75);
        expect(catalogue.has(option.value)).toBe(true);
        expect(option.text.text.startsWith(`${option.value} `)).toBe(true);
        expect(fits(option)).toBe(true);
      }
      if (q === "9.2") expect(options.map((o) => o.value)).toContain("9.2.3");
      if (q !== "9.2")
        expect(options.map((o) => o.value)).toEqual(expect.arrayContaining(["9.2.3", "9.4.4"]));
    },
  );

  it("an empty query lists the catalogue from the start, capped at 100", async () => {
    const options = await suggest("");
    expect(options).toHaveLength(100);
    expect(options[0]?.value).toBe(h.assistant.services.engine.rules.objectives.objectives[0]?.id);
  });

  it("a query that matches nothing gets an empty list, not an error", async () => {
    expect(await suggest("zzzz-nothing")).toEqual([]);
  });
});

describe("an admin records audits", () => {
  it("an internal audit of searched objectives is saved and `/ismap audits` shows the coverage change", async () => {
    const before = await coverageLine();
    expect(before).toBe(ja("audit.objectivesCovered", { covered: 0, total: TOTAL }));

    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    expect(modal.callbackId).toBe(CALLBACK.record);
    expect(textOf(modal.view.title)).toBe(ja("modal.title.record"));
    expect(inputIds(modal.view)).toEqual(Object.values(F));
    expect(initialOf(modal.view, F.date)).toBe("2026-11-26");
    const picker = (modal.view.blocks as Json[]).find((b) => b.block_id === F.objectives)?.element as Json;
    expect(picker).toMatchObject({ type: "multi_external_select", action_id: ACTION.objectiveSelect });

    const picked = [...(await suggest("9.2", PEOPLE.admin, modal.view)), ...(await suggest("特権"))];
    const ids = [...new Set(picked.map((o) => o.value))];
    expect(ids).toHaveLength(7);
    await record(modal, {
      [F.type]: "internal",
      [F.date]: "2026-11-20",
      [F.objectives]: ids,
      [F.note]: "年次内部監査",
    });
    expect(textOf(modal.view.title)).toBe(ja("app.savedTitle"));
    expect(modal.text).toContain(ja("app.auditSaved", { revision: 1 }));

    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(1);
    expect(stored.profile.audits.internal).toHaveLength(1);
    expect(stored.profile.audits.internal[0]).toMatchObject({
      date: "2026-11-20",
      objectiveIds: ["9.2.1", "9.2.2", "9.2.3", "9.2.4", "9.2.5", "9.2.6", "9.4.4"],
    });
    const [entry] = await h.assistant.services.profiles.history(team());
    expect(entry).toMatchObject({ revision: 1, actor: PEOPLE.admin.id, summary: "audit: 年次内部監査" });
    expect(entry?.changes).toHaveLength(1);
    expect(entry?.changes[0]?.path).toMatch(/^audits\.internal\[id=/);

    // The check: record, then audits shows the coverage change.
    const after = await coverageLine();
    expect(after).toBe(ja("audit.objectivesCovered", { covered: 7, total: TOTAL }));
    expect(after).not.toBe(before);
  });

  it("'all objectives' ticked covers all 121", async () => {
    const { modal } = await openByCommand(h, "記録", PEOPLE.owner);
    await record(modal, { [F.type]: "internal", [F.all]: ["yes"] });
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.profile.audits.internal[0]?.objectiveIds).toHaveLength(TOTAL);
    expect(stored.profile.audits.internal[0]?.date).toBe("2026-11-26");
    expect(await coverageLine(PEOPLE.owner)).toBe(
      en("audit.objectivesCovered", { covered: TOTAL, total: TOTAL }),
    );
  });

  it("an external governance audit needs no objectives and is saved as governance", async () => {
    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    await record(modal, {
      [F.type]: "external_governance",
      [F.date]: "2026-10-01",
      [F.objectives]: ["9.2.1"],
    });
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.profile.audits.external).toEqual([
      expect.objectContaining({ part: "governance", date: "2026-10-01", objectiveIds: [] }),
    ]);
    const { reply } = await h.command("audits", PEOPLE.admin.id);
    expect(textOf(reply.body)).toContain(ja.date("2026-10-01"));
  });

  it("a record made while someone else saved is applied on top: nothing is lost", async () => {
    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    const other = await openByCommand(h, "record", PEOPLE.owner);
    await record(other.modal, { [F.type]: "internal", [F.objectives]: ["5.1.1"] });
    await record(modal, { [F.type]: "internal", [F.objectives]: ["5.1.2"] });
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(2);
    expect(stored.profile.audits.internal.map((a) => a.objectiveIds)).toEqual([["5.1.1"], ["5.1.2"]]);
  });
});

describe("records that cannot be saved", () => {
  it.each([
    ["ja", PEOPLE.admin, ja],
    ["en", PEOPLE.owner, en],
  ])("(%s) a future day, a day before ISMAP-LIU, a controls audit without objectives", async (_, who, t) => {
    const { modal } = await openByCommand(h, "record", who);
    const field = (name: "date" | "objectives") => t(`modal.record.fields.${name}`);

    const future = await modal.submit({ [F.type]: "internal", [F.date]: "2026-11-27", [F.all]: ["yes"] });
    expect(future.ack).toEqual({
      response_action: "errors",
      errors: { [F.date]: t("modal.errors.future", { field: field("date"), today: t.date("2026-11-26") }) },
    });

    const early = await modal.submit({ [F.type]: "internal", [F.date]: "2022-10-31", [F.all]: ["yes"] });
    expect(early.ack).toEqual({
      response_action: "errors",
      errors: {
        [F.date]: t("modal.errors.beforeStart", { field: field("date"), date: t.date("2022-11-01") }),
      },
    });

    const none = await modal.submit({ [F.type]: "external_controls", [F.date]: "2026-11-01" });
    expect(none.ack?.response_action).toBe("errors");
    expect(Object.keys(none.ack?.errors ?? {})).toEqual([F.objectives]);
    expect(none.ack?.errors?.[F.objectives]).toContain(field("objectives"));

    const noType = await modal.submit({ [F.type]: null });
    expect(Object.keys(noType.ack?.errors ?? {})).toContain(F.type);

    expect(modal.callbackId).toBe(CALLBACK.record);
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(0);
    expect(h.fake.callsTo("views.publish")).toEqual([]);
  });

  it("the first day of ISMAP-LIU and today are accepted", async () => {
    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    await record(modal, { [F.type]: "external_management", [F.date]: "2022-11-01" });
    const again = await openByCommand(h, "record", PEOPLE.admin);
    await record(again.modal, {
      [F.type]: "external_controls",
      [F.date]: "2026-11-26",
      [F.objectives]: ["9.2.3"],
    });
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.profile.audits.external.map((a) => [a.part, a.date, a.objectiveIds])).toEqual([
      ["management", "2022-11-01", []],
      ["controls", "2026-11-26", ["9.2.3"]],
    ]);
  });

  it("an objective id that is not in the catalogue is refused by name", async () => {
    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    const { ack } = await modal.submit({ [F.type]: "internal", [F.objectives]: ["9.2.3", "99.9.9"] });
    expect(ack?.errors?.[F.objectives]).toContain("99.9.9");
  });

  it("a member gets a refusal view, and a forged submission by a member saves nothing", async () => {
    const member = await openByCommand(h, "record", PEOPLE.member);
    expect(member.modal.callbackId).toBe(CALLBACK.result);
    expect(member.modal.text).toContain(ja("concise.refusal.howToJoin"));
    expect(inputIds(member.modal.view)).toEqual([]);

    const admin = await openByCommand(h, "record", PEOPLE.admin);
    const { ack } = await admin.modal.submit(
      { [F.type]: "internal", [F.all]: ["yes"] },
      { as: PEOPLE.member },
    );
    expect(ack?.response_action).toBe("update");
    expect(textOf(ack?.view)).toContain(ja("concise.refusal.howToJoin"));
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(0);
  });

  it("tampered private_metadata: a clear 'start again' view, nothing saved", async () => {
    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    const { ack } = await modal.submitValues(
      valuesFor(modal.view, { [F.type]: "internal", [F.all]: ["yes"] }),
      {
        view: {
          ...modal.view,
          private_metadata: JSON.stringify({ baseRevision: 0, presetType: "everything" }),
        },
      },
    );
    expect(ack?.response_action).toBe("update");
    expect(textOf(ack?.view)).toContain(ja("errors.staleView"));
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(0);
  });
});
