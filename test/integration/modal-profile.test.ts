/**
 * The profile editor over HTTP: who may open and submit it, what a save writes (revision, history), the errors a
 * bad form gets in the person's language, and a save that lands between opening the form and submitting it.
 */
import { describe, expect, it } from "vitest";
import type { RequestUser } from "../../dev/slack-requests/index.js";
import type { Translator } from "../../src/i18n/translator.js";
import { CALLBACK } from "../../src/slack/contract/ids.js";
import { PROFILE_FIELDS } from "../../src/slack/forms/fields.js";
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

const h = useHarness({ expectValidBlocks: true });

const team = () => ({ teamId: h.fake.teamId });
const F = blockIdsOf(PROFILE_FIELDS);

/** A 200-character Japanese service name: the longest the profile keeps. */
const LONG_NAME = "国産クラウド型文書共有・電子決裁サービス".repeat(10).slice(0, 200);

/**
 * Submits a form that saves: the ack shows "saving…", then the app shows the confirmation and republishes the
 * person's App Home. Resolves with the confirmation.
 */
async function submitAndSettle(modal: Modal, changes: Record<string, Entry>): Promise<Json> {
  const since = mark(h);
  const { ack } = await modal.submit(changes);
  expect(ack?.response_action).toBe("update");
  expect(modal.callbackId).toBe(CALLBACK.result);
  expect(modal.text).toContain(modal.user.id === PEOPLE.owner.id ? en("app.loading") : ja("app.loading"));
  const view = await modal.nextUpdate(since);
  await waitForPublish(h, modal.user.id, since);
  return view;
}

describe("an admin edits the profile", () => {
  it("every field saved: revision, history with the changes, a confirmation and a fresh App Home", async () => {
    const { modal } = await openByCommand(h, "profile", PEOPLE.admin);
    expect(modal.callbackId).toBe(CALLBACK.profile);
    expect(textOf(modal.view.title)).toBe(ja("modal.title.profile"));
    // An admin also sees who may edit.
    expect(inputIds(modal.view)).toEqual(Object.values(F));
    expect(JSON.parse(String(modal.view.private_metadata))).toEqual({ baseRevision: 0 });

    const relief = h.assistant.services.engine.rules.specialMeasure.reliefs[0]?.id ?? "";
    await submitAndSettle(modal, {
      [F.name]: LONG_NAME,
      [F.vendor]: "株式会社テスト",
      [F.url]: "https://example.co.jp/service",
      [F.status]: "applied",
      [F.registeredOn]: "2025-06-01",
      [F.auditPeriodStart]: "2025-10-01",
      [F.auditPeriodEnd]: "2026-09-30",
      [F.listed]: ["yes"],
      [F.listedOn]: "2024-01-10",
      [F.preApplicationSubmittedOn]: "2023-12-01",
      [F.reliefsUsed]: [relief],
    });
    expect(textOf(modal.view.title)).toBe(ja("app.savedTitle"));
    expect(modal.text).toContain(ja("app.profileSaved", { revision: 1 }));

    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(1);
    expect(stored.updatedBy).toBe(PEOPLE.admin.id);
    expect(stored.profile.service).toEqual({
      name: LONG_NAME,
      vendor: "株式会社テスト",
      description: "",
      url: "https://example.co.jp/service",
    });
    expect(stored.profile.service.name).toHaveLength(200);
    expect(stored.profile.registration).toEqual({
      status: "applied",
      registeredOn: "2025-06-01",
      auditPeriodStart: "2025-10-01",
      auditPeriodEnd: "2026-09-30",
    });
    expect(stored.profile.specialMeasure).toEqual({
      listed: true,
      listedOn: "2024-01-10",
      preApplicationSubmittedOn: "2023-12-01",
      reliefsUsed: [relief],
    });

    const [entry] = await h.assistant.services.profiles.history(team());
    expect(entry).toMatchObject({ revision: 1, actor: PEOPLE.admin.id, summary: "profile" });
    const paths = entry?.changes.map((c) => c.path) ?? [];
    for (const path of [
      "service.name",
      "service.vendor",
      "service.url",
      "registration.status",
      "registration.auditPeriodStart",
      "registration.auditPeriodEnd",
      "specialMeasure.listed",
      "specialMeasure.reliefsUsed",
    ]) {
      expect(paths).toContain(path);
    }
    expect(entry?.changes.find((c) => c.path === "service.name")).toEqual({
      path: "service.name",
      before: "",
      after: LONG_NAME,
    });

    // The App Home shows the new name; opening the form again shows what was saved.
    expect(textOf(h.fake.homeView(PEOPLE.admin.id))).toContain(LONG_NAME);
    const again = await openByCommand(h, "プロファイル", PEOPLE.admin);
    expect(initialOf(again.modal.view, F.name)).toBe(LONG_NAME);
    expect(initialOf(again.modal.view, F.status)).toBe("applied");
    expect(initialOf(again.modal.view, F.auditPeriodEnd)).toBe("2026-09-30");
    expect(initialOf(again.modal.view, F.listed)).toEqual(["yes"]);
    expect(JSON.parse(String(again.modal.view.private_metadata))).toEqual({ baseRevision: 1 });
  });

  it("the longest texts the form takes are saved and fit the App Home and the form again", async () => {
    const { modal } = await openByCommand(h, "profile", PEOPLE.admin);
    const description = "クラウドで文書を共有するサービスです。\n<!channel> & *bold*\n"
      .repeat(100)
      .slice(0, 2000);
    const url = `https://example.co.jp/${"a".repeat(500 - 22)}`;
    await submitAndSettle(modal, {
      [F.name]: LONG_NAME,
      [F.vendor]: "株式会社".padEnd(200, "テ"),
      [F.description]: description,
      [F.url]: url,
    });
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.profile.service.description).toBe(description.trim());
    expect(stored.profile.service.url).toHaveLength(500);
    const home = textOf(h.fake.homeView(PEOPLE.admin.id));
    expect(home).toContain(LONG_NAME);
    // What a person typed is shown, never turned into a mention.
    expect(home).not.toContain("<!channel>");
    const again = await openByCommand(h, "profile", PEOPLE.admin);
    expect(initialOf(again.modal.view, F.url)).toBe(url);
  });

  it("submitting the form untouched saves no change to any field", async () => {
    const { modal } = await openByCommand(h, "profile", PEOPLE.owner);
    await submitAndSettle(modal, {});
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(1);
    const [entry] = await h.assistant.services.profiles.history(team());
    expect(entry?.changes).toEqual([]);
  });
});

describe("a form with mistakes", () => {
  const cases: [string, RequestUser, Translator][] = [
    ["ja", PEOPLE.admin, ja],
    ["en", PEOPLE.owner, en],
  ];

  it.each(cases)("(%s) errors name each field in the person's language; nothing saved", async (_, who, t) => {
    const field = (name: keyof typeof PROFILE_FIELDS) => t(`modal.profile.fields.${name}`);
    const { modal } = await openByCommand(h, "profile", who);

    const badUrl = await modal.submit({ [F.url]: "example.com/no-scheme", [F.name]: "Good name" });
    expect(badUrl.ack).toEqual({
      response_action: "errors",
      errors: { [F.url]: t("modal.errors.url", { field: field("url") }) },
    });

    const names = { start: field("auditPeriodStart"), end: field("auditPeriodEnd") };
    const order = await modal.submit({
      [F.auditPeriodStart]: "2026-04-01",
      [F.auditPeriodEnd]: "2026-03-31",
    });
    expect(order.ack).toEqual({
      response_action: "errors",
      errors: { [F.auditPeriodEnd]: t("modal.errors.periodOrder", names) },
    });

    const short = await modal.submit({
      [F.auditPeriodStart]: "2026-01-01",
      [F.auditPeriodEnd]: "2026-02-15",
    });
    expect(short.ack?.response_action).toBe("errors");
    expect(Object.keys(short.ack?.errors ?? {})).toEqual([F.auditPeriodEnd]);
    expect(short.ack?.errors?.[F.auditPeriodEnd]).toBe(
      t("modal.errors.periodTooShort", { ...names, min: 3, earliest: t.date("2026-03-31") }),
    );

    // Several mistakes at once: each on its own field.
    const both = await modal.submit({
      [F.url]: "ftp://example.com",
      [F.auditPeriodStart]: "2026-01-01",
      [F.auditPeriodEnd]: "2025-12-01",
    });
    expect(Object.keys(both.ack?.errors ?? {}).sort()).toEqual([F.auditPeriodEnd, F.url].sort());

    // The form stays as it was; nothing was saved and nothing else happened.
    expect(modal.callbackId).toBe(CALLBACK.profile);
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(0);
    expect(h.fake.callsTo("views.publish")).toEqual([]);
  });

  it("an audit period 12 months long is accepted, one day longer is not", async () => {
    const { modal } = await openByCommand(h, "profile", PEOPLE.admin);
    const long = await modal.submit({ [F.auditPeriodStart]: "2025-04-01", [F.auditPeriodEnd]: "2026-04-01" });
    expect(Object.keys(long.ack?.errors ?? {})).toEqual([F.auditPeriodEnd]);
    await submitAndSettle(modal, { [F.auditPeriodStart]: "2025-04-01", [F.auditPeriodEnd]: "2026-03-31" });
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.profile.registration.auditPeriodEnd).toBe("2026-03-31");
  });
});

describe("who may edit", () => {
  it("a member gets a refusal view instead of the form", async () => {
    const { modal } = await openByCommand(h, "profile", PEOPLE.member);
    expect(modal.callbackId).toBe(CALLBACK.result);
    expect(textOf(modal.view.title)).toBe(ja("app.notAllowedTitle"));
    // What they tried, who can do it and how to be added.
    expect(modal.text).toContain(
      ja("concise.refusal.what", { action: ja("concise.refusal.action.profile") }),
    );
    expect(modal.text).toContain(ja("concise.refusal.who"));
    expect(modal.text).toContain(ja("concise.refusal.noEditors"));
    expect(modal.text).toContain(ja("concise.refusal.howToJoin"));
    expect(inputIds(modal.view)).toEqual([]);
    expect(modal.view.submit).toBeUndefined();
  });

  it("the refusal names the editors the profile has", async () => {
    await h.assistant.services.profiles.save(team(), {
      baseRevision: 0,
      actor: PEOPLE.admin.id,
      at: h.now,
      update: (p) => ({ ...p, editors: [PEOPLE.owner.id] }),
    });
    const { modal } = await openByCommand(h, "profile", PEOPLE.member);
    expect(modal.text).toContain(ja("concise.refusal.editors", { users: `<@${PEOPLE.owner.id}>` }));
  });

  it("a member's forged submission of the profile form is refused and nothing saved", async () => {
    const admin = await openByCommand(h, "profile", PEOPLE.admin);
    const { ack } = await admin.modal.submit(
      { [F.name]: "Hijacked", [F.editors]: [PEOPLE.member.id] },
      { as: PEOPLE.member },
    );
    expect(ack?.response_action).toBe("update");
    expect(textOf(ack?.view)).toContain(ja("concise.refusal.howToJoin"));
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(0);
    expect(stored.profile.service.name).toBe("");
    expect(stored.profile.editors).toEqual([]);
  });

  it("once an admin names the member an editor, the member can save (but not change the editors)", async () => {
    const admin = await openByCommand(h, "profile", PEOPLE.admin);
    await submitAndSettle(admin.modal, { [F.editors]: [PEOPLE.member.id] });
    expect((await h.assistant.services.profiles.get(team())).profile.editors).toEqual([PEOPLE.member.id]);

    const { modal } = await openByCommand(h, "profile", PEOPLE.member);
    expect(modal.callbackId).toBe(CALLBACK.profile);
    // Not an admin: no editors input.
    expect(inputIds(modal.view)).not.toContain(F.editors);

    // Even a forged editors value in the submission is ignored.
    const view = modal.view;
    const values = valuesFor(view, { [F.vendor]: "メンバー株式会社" });
    values[F.editors] = {
      value: { type: "multi_users_select", selected_users: [PEOPLE.member.id, PEOPLE.guest.id] },
    };
    const since = mark(h);
    const { ack } = await modal.submitValues(values);
    expect(ack?.response_action).toBe("update");
    await modal.nextUpdate(since);
    expect(modal.text).toContain(ja("app.profileSaved", { revision: 2 }));

    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(2);
    expect(stored.updatedBy).toBe(PEOPLE.member.id);
    expect(stored.profile.service.vendor).toBe("メンバー株式会社");
    expect(stored.profile.editors).toEqual([PEOPLE.member.id]);
    const [entry] = await h.assistant.services.profiles.history(team());
    expect(entry).toMatchObject({ revision: 2, actor: PEOPLE.member.id });
  });
});

describe("a save that lands while the form is open", () => {
  it("brings the form back with a warning and the input kept; nothing overwritten; saving again merges", async () => {
    const profiles = h.assistant.services.profiles;
    const admin = await openByCommand(h, "profile", PEOPLE.admin);

    // The owner saves the vendor meanwhile.
    const owner = await openByCommand(h, "profile", PEOPLE.owner);
    await submitAndSettle(owner.modal, { [F.vendor]: "Owner Corp" });
    const before = await profiles.get(team());
    expect(before.revision).toBe(1);

    // The admin, who never saw the owner's change, submits a new name.
    const since = mark(h);
    const { ack } = await admin.modal.submit({ [F.name]: "管理者のサービス", [F.status]: "preparing" });
    expect(ack?.response_action).toBe("update");
    expect(admin.modal.callbackId).toBe(CALLBACK.profile);
    expect(admin.modal.text).toContain(ja("app.staleProfile", { revision: 1 }));
    expect(initialOf(admin.modal.view, F.name)).toBe("管理者のサービス");
    expect(initialOf(admin.modal.view, F.status)).toBe("preparing");
    // The other person's change is shown too: the admin did not touch the vendor.
    expect(initialOf(admin.modal.view, F.vendor)).toBe("Owner Corp");
    expect(JSON.parse(String(admin.modal.view.private_metadata))).toEqual({ baseRevision: 1 });
    expect(await profiles.get(team())).toEqual(before);
    expect(h.fake.calls.slice(since).map((c) => c.method)).not.toContain("views.publish");

    // Saving the form as it came back keeps both changes.
    await submitAndSettle(admin.modal, {});
    const after = await profiles.get(team());
    expect(after.revision).toBe(2);
    expect(after.profile.service).toMatchObject({ name: "管理者のサービス", vendor: "Owner Corp" });
    expect(after.profile.registration.status).toBe("preparing");
  });

  it("two saves land one after the other: each comeback form keeps only the person's own changes", async () => {
    const profiles = h.assistant.services.profiles;
    const admin = await openByCommand(h, "profile", PEOPLE.admin);
    const first = await openByCommand(h, "profile", PEOPLE.owner);
    await submitAndSettle(first.modal, { [F.vendor]: "Owner Corp" });

    await admin.modal.submit({ [F.name]: "管理者のサービス" });
    expect(admin.modal.text).toContain(ja("app.staleProfile", { revision: 1 }));

    // Before the admin saves again, the owner changes the URL.
    const second = await openByCommand(h, "profile", PEOPLE.owner);
    await submitAndSettle(second.modal, { [F.url]: "https://owner.example.com" });

    await admin.modal.submit();
    expect(admin.modal.text).toContain(ja("app.staleProfile", { revision: 2 }));
    expect(initialOf(admin.modal.view, F.name)).toBe("管理者のサービス");
    expect(initialOf(admin.modal.view, F.vendor)).toBe("Owner Corp");
    expect(initialOf(admin.modal.view, F.url)).toBe("https://owner.example.com");

    await submitAndSettle(admin.modal, {});
    const after = await profiles.get(team());
    expect(after.revision).toBe(3);
    expect(after.profile.service).toMatchObject({
      name: "管理者のサービス",
      vendor: "Owner Corp",
      url: "https://owner.example.com",
    });
  });

  it("tampered private_metadata: a clear 'start again' view, nothing saved", async () => {
    const { modal } = await openByCommand(h, "profile", PEOPLE.owner);
    const { ack } = await modal.submitValues(valuesFor(modal.view, { [F.name]: "x" }), {
      view: { ...modal.view, private_metadata: JSON.stringify({ baseRevision: 0, role: "admin" }) },
    });
    expect(ack?.response_action).toBe("update");
    expect(textOf(ack?.view)).toContain(en("errors.staleView"));
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(0);
  });
});
