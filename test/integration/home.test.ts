/**
 * App Home over HTTP: app_home_opened publishes the team's dashboard, its buttons open the modals (with the
 * press's own trigger) or an answer in a modal, members see no edit buttons, and a change made through a modal
 * is on the dashboard right after.
 */
import { describe, expect, it } from "vitest";
import { ACTION, CALLBACK } from "../../src/slack/contract/ids.js";
import { RECORD_FIELDS } from "../../src/slack/forms/fields.js";
import { useHarness } from "../support/harness.js";
import {
  awaitModal,
  buttonActions,
  en,
  inputIds,
  ja,
  mark,
  openByCommand,
  openHome,
  PEOPLE,
  pressHomeButton,
  textOf,
  waitForOk,
  waitForPublish,
  waitForViewUpdate,
} from "../support/modals.js";

type Json = Record<string, unknown>;

const h = useHarness({ expectValidBlocks: true });

const TOTAL = 121;

describe("the dashboard", () => {
  it("app_home_opened publishes it for an admin, with every button", async () => {
    const home = await openHome(h, PEOPLE.admin);
    expect(home.type).toBe("home");
    const text = textOf(home);
    expect(text).toContain(ja("common.appName"));
    expect(text).toContain(ja("home.noProfile"));
    expect(text).toContain(ja("home.eligibilityNone"));
    expect(text).toContain(ja("audit.objectivesCovered", { covered: 0, total: TOTAL }));
    // No audit period yet: no due date, the hint that would anchor them.
    expect(text).toContain(ja("obligation.hint.enter_audit_period"));
    expect(text).not.toContain(ja("obligation.due", { date: ja.date("2027-11-26") }));
    expect(buttonActions(home).sort()).toEqual(
      [
        ACTION.openCheck,
        ACTION.openProfile,
        ACTION.openRecord,
        ACTION.exportRecords,
        ACTION.showAudits,
        ACTION.showPlan,
        ACTION.showSpecial,
        ACTION.showCaveats,
      ].sort(),
    );
    expect(text).not.toContain(ja("home.memberNote"));
  });

  it("a member gets no edit buttons, and a note saying who can edit", async () => {
    const home = await openHome(h, PEOPLE.member);
    const buttons = buttonActions(home);
    expect(buttons).toContain(ACTION.openCheck);
    expect(buttons).toContain(ACTION.showAudits);
    expect(buttons).not.toContain(ACTION.openProfile);
    expect(buttons).not.toContain(ACTION.openRecord);
    expect(textOf(home)).toContain(ja("home.memberNote"));
  });

  it("is in the person's language: English for the owner", async () => {
    const home = await openHome(h, PEOPLE.owner);
    expect(textOf(home)).toContain(en("common.appName"));
    expect(textOf(home)).toContain(en("home.buttons.record"));
  });
});

describe("the saved verdict", () => {
  it("says when it was checked, not when the Home tab was opened", async () => {
    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    await modal.submit({ service_model: "saas" });
    const since = mark(h);
    await modal.submit({ confidentiality: "c3" });
    await waitForPublish(h, PEOPLE.admin.id, since);
    const checkedOn = new Date(h.now);

    h.now = new Date("2026-12-10T09:00:00+09:00");
    const home = textOf(await openHome(h, PEOPLE.admin));
    const version = h.assistant.services.engine.rules.meta.version;
    expect(home).toContain(ja("verdict.outside_ismap"));
    expect(home).toContain(ja("home.eligibilityMeta", { date: ja.date(checkedOn), version }));
    expect(home).not.toContain(ja("home.eligibilityOutdated", { version }));
  });

  it("asks to check again when it was made under an older rules version", async () => {
    const profiles = h.assistant.services.profiles;
    const saved = await profiles.save(
      { teamId: h.fake.teamId },
      {
        baseRevision: 0,
        actor: PEOPLE.admin.id,
        at: h.now,
        update: (profile) => ({
          ...profile,
          eligibility: {
            answers: { service_model: "paas" },
            result: {
              verdict: "full_ismap_required",
              rulesVersion: "2020.01.01",
              asOf: "2024-05-01T00:00:00.000Z",
            },
          },
        }),
      },
    );
    expect(saved.ok).toBe(true);
    const home = textOf(await openHome(h, PEOPLE.owner));
    const version = h.assistant.services.engine.rules.meta.version;
    expect(home).toContain(en("verdict.full_ismap_required"));
    expect(home).toContain(
      en("home.eligibilityMeta", { date: en.date("2024-05-01"), version: "2020.01.01" }),
    );
    expect(home).toContain(en("home.eligibilityOutdated", { version }));
  });
});

describe("its buttons", () => {
  it.each([
    [ACTION.openCheck, CALLBACK.eligibility],
    [ACTION.openProfile, CALLBACK.profile],
    [ACTION.openRecord, CALLBACK.record],
  ])("%s opens its modal with the press's trigger", async (actionId, callbackId) => {
    const home = await openHome(h, PEOPLE.admin);
    const { trigger, since } = await pressHomeButton(h, PEOPLE.admin, home, actionId);
    const { modal, open } = await awaitModal(h, PEOPLE.admin, trigger, since);
    expect(open.body.trigger_id).toBe(trigger);
    expect((open.body.view as Json).callback_id).toBe(CALLBACK.loading);
    expect(modal.callbackId).toBe(callbackId);
    expect(inputIds(modal.view).length).toBeGreaterThan(0);
    expect(h.fake.viewStack(modal.id)).toEqual([modal.id]);
  });

  it.each([
    [ACTION.showAudits, "app.titleAudits", "msg.audits.title"],
    [ACTION.showPlan, "app.titlePlan", undefined],
    [ACTION.showSpecial, "app.titleSpecial", undefined],
  ] as const)("%s shows the answer in a modal", async (actionId, title, heading) => {
    const home = await openHome(h, PEOPLE.member);
    const { trigger, since } = await pressHomeButton(h, PEOPLE.member, home, actionId);
    const { modal, open } = await awaitModal(h, PEOPLE.member, trigger, since);
    expect((open.body.view as Json).callback_id).toBe(CALLBACK.loading);
    expect(modal.callbackId).toBe(CALLBACK.result);
    expect(textOf(modal.view.title)).toBe(ja(title));
    expect(modal.view.submit).toBeUndefined();
    // The share row of the message is not part of the modal.
    expect((modal.view.blocks as Json[]).some((b) => b.type === "actions")).toBe(false);
    expect((modal.view.blocks as Json[]).length).toBeGreaterThan(1);
    if (heading) expect(modal.text).toContain(ja(heading));
  });

  it("a member pressing a forged edit button gets the refusal view", async () => {
    const admin = await openHome(h, PEOPLE.admin);
    const { trigger, since } = await pressHomeButton(h, PEOPLE.member, admin, ACTION.openProfile);
    const { modal } = await awaitModal(h, PEOPLE.member, trigger, since);
    expect(modal.callbackId).toBe(CALLBACK.result);
    expect(modal.text).toContain(ja("concise.refusal.howToJoin"));
  });

  it.each([ACTION.openRecord, ACTION.showAudits])(
    "%s with an expired trigger: the person is told in the app's DM to try again",
    async (actionId) => {
      const home = await openHome(h, PEOPLE.owner);
      h.fake.failNext("views.open", { error: "expired_trigger_id" });
      const { since } = await pressHomeButton(h, PEOPLE.owner, home, actionId);
      const post = await waitForOk(h, "chat.postMessage", since);
      expect(post.body.channel).toBe(PEOPLE.owner.id);
      expect(String(post.body.text)).toContain(en("app.triggerExpired"));
      expect(h.fake.calls.slice(since).map((c) => c.method)).not.toContain("views.update");
    },
  );
});

describe("changes made through the modals", () => {
  it("recording an audit republishes the dashboard with the new coverage counts", async () => {
    const home = await openHome(h, PEOPLE.admin);
    const { trigger, since } = await pressHomeButton(h, PEOPLE.admin, home, ACTION.openRecord);
    const { modal } = await awaitModal(h, PEOPLE.admin, trigger, since);

    const saving = mark(h);
    const { ack } = await modal.submit({
      [RECORD_FIELDS.type.block]: "internal",
      [RECORD_FIELDS.date.block]: "2026-11-01",
      [RECORD_FIELDS.objectives.block]: ["9.2.3", "9.4.4", "5.1.1"],
    });
    expect(ack?.response_action).toBe("update");
    await waitForViewUpdate(h, modal.id, saving);
    await waitForPublish(h, PEOPLE.admin.id, saving);

    const after = textOf(h.fake.homeView(PEOPLE.admin.id));
    expect(after).toContain(ja("audit.objectivesCovered", { covered: 3, total: TOTAL }));
    expect(after).toContain(ja("obligation.coverageDetail", { lapsed: 0, never: TOTAL - 3 }));
    expect(after).toContain(ja("home.revision", { revision: 1 }));

    // Someone else opening their Home sees the team's new numbers too.
    const member = await openHome(h, PEOPLE.member);
    expect(textOf(member)).toContain(ja("audit.objectivesCovered", { covered: 3, total: TOTAL }));
  });

  it("a verdict from the check started on the dashboard is on it afterwards, with 'check again'", async () => {
    const home = await openHome(h, PEOPLE.owner);
    const { trigger, since } = await pressHomeButton(h, PEOPLE.owner, home, ACTION.openCheck);
    const { modal } = await awaitModal(h, PEOPLE.owner, trigger, since);
    // Opened from Home there is no channel to share the verdict in.
    expect(JSON.parse(String(modal.view.private_metadata))).toEqual({
      answers: {},
      step: 1,
      baseRevision: 0,
    });

    await modal.submit({ service_model: "saas" });
    const saving = mark(h);
    await modal.submit({ confidentiality: "c1" });
    await waitForPublish(h, PEOPLE.owner.id, saving);
    const after = textOf(h.fake.homeView(PEOPLE.owner.id));
    expect(after).toContain(en("verdict.no_listing_required"));
    expect(after).toContain(en("home.buttons.recheck"));
  });
});
