/**
 * `/ismap remind` (the settings modal, editors only) and `/ismap remind list`, through the real app over HTTP.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import { blockActions, type RequestUser } from "../../dev/slack-requests/index.js";
import { subsetGroups } from "../../src/rules/audits.js";
import { ACTION, CALLBACK } from "../../src/slack/contract/ids.js";
import { RECORD_FIELDS } from "../../src/slack/forms/fields.js";
import { useHarness } from "../support/harness.js";
import {
  awaitModal,
  en,
  ja,
  mark,
  openByCommand,
  PEOPLE,
  textOf,
  waitForViewUpdate,
} from "../support/modals.js";
import { registeredForPeriod2025 } from "../support/reminders.js";
import { initialOf } from "../support/view-state.js";

const h = useHarness({ now: "2026-11-26T10:00:00+09:00" });
const team = () => ({ teamId: h.fake.teamId });

/**
 * Registered 2025-12-20 on the audit period 2025-09-21 … 2026-09-20; management audited after it (2026-10-01), so
 * the period's governance audit and controls group 1 remain, due by its report day 2026-12-20 (3 months from
 * 2026-09-21). 5.1.1 and 5.1.2 were internally audited 2023-12-20: covered until 2026-12-19.
 */
async function registeredProfile(): Promise<void> {
  const saved = await h.assistant.services.profiles.save(team(), {
    baseRevision: 0,
    actor: DEFAULT_IDS.admin,
    at: h.now,
    update: (p) => {
      p.registration = registeredForPeriod2025("2025-12-20");
      p.audits.external.push({ id: "m1", part: "management", date: "2026-10-01", objectiveIds: [] });
      p.audits.internal.push({ id: "i1", date: "2023-12-20", objectiveIds: ["5.1.1", "5.1.2"] });
      return p;
    },
  });
  expect(saved.ok).toBe(true);
}

async function enableReminders(leads = "7, 1"): Promise<void> {
  const { modal } = await openByCommand(h, "remind", PEOPLE.admin);
  const since = mark(h);
  await modal.submit({ remind_enabled: ["yes"], remind_channel: DEFAULT_IDS.general, remind_leads: leads });
  await waitForViewUpdate(h, modal.id, since);
}

describe("/ismap remind", () => {
  it("refuses a member who is not an editor", async () => {
    const { modal } = await openByCommand(h, "remind", PEOPLE.member);
    expect(modal.text).toContain(ja("concise.refusal.howToJoin"));
  });

  it("names the channel field when the app is not in the channel, and saves nothing", async () => {
    const { modal } = await openByCommand(h, "remind", PEOPLE.admin);
    const { ack } = await modal.submit({ remind_enabled: ["yes"], remind_channel: DEFAULT_IDS.random });
    expect(ack?.response_action).toBe("errors");
    // The bot as the workspace calls it (auth.test), not a literal.
    expect(ack?.errors?.remind_channel).toBe(ja("remind.errors.notMember", { bot: h.fake.botName }));
    expect(await h.assistant.services.reminders.get(team())).toBeUndefined();
  });

  it("checks the lead days and the channel in the person's language", async () => {
    const { modal } = await openByCommand(h, "remind", PEOPLE.owner);
    const { ack } = await modal.submit({
      remind_enabled: ["yes"],
      remind_channel: null,
      remind_leads: "30, soon",
    });
    expect(ack?.response_action).toBe("errors");
    expect(ack?.errors?.remind_channel).toBe(en("remind.errors.channelRequired"));
    expect(ack?.errors?.remind_leads).toContain("30, soon");
  });

  it("saves the settings, and remind list shows them with the next reminders in JST", async () => {
    await registeredProfile();
    const { modal } = await openByCommand(h, "remind", PEOPLE.admin);
    const since = mark(h);
    const { ack } = await modal.submit({
      remind_enabled: ["yes"],
      remind_channel: DEFAULT_IDS.general,
      remind_leads: "30、7 1",
      remind_time: "09:30",
    });
    expect(ack?.response_action).toBe("update");
    await waitForViewUpdate(h, modal.id, since);
    expect(textOf(h.fake.view(modal.id))).toContain(ja("remind.saved"));
    const settings = await h.assistant.services.reminders.get(team());
    expect(settings).toMatchObject({
      enabled: true,
      channel: DEFAULT_IDS.general,
      leadDays: [30, 7, 1],
      timeOfDay: "09:30",
    });

    const { reply } = await h.command("remind list", DEFAULT_IDS.admin);
    const text = textOf(reply.body);
    expect(text).toContain(`<#${DEFAULT_IDS.general}>`);
    // The governance audit of the 2025-09-21 period is due 2026-12-20: its 30-day reminder went out on 2026-11-20 —
    // already past — so the next ones are the 7-day and 1-day reminders, at 9:30 JST.
    expect(text).toContain("2026年12月13日 9:30 JST");
    expect(text).toContain("2026年12月19日 9:30 JST");
  });

  it("remind list, for a team with no audit period, says what would anchor the dates instead of nothing due", async () => {
    await enableReminders();
    for (const [user, t] of [
      [DEFAULT_IDS.admin, ja],
      [DEFAULT_IDS.owner, en],
    ] as const) {
      const { reply } = await h.command("remind list", user);
      const text = textOf(reply.body);
      expect(text).toContain(t("remind.listNoPeriod"));
      expect(text).not.toContain(t("remind.listNone"));
    }
    // Once the (planned) period is entered, the targets are listed, marked as planned.
    await h.assistant.services.profiles.save(team(), {
      baseRevision: 0,
      actor: DEFAULT_IDS.admin,
      at: h.now,
      update: (p) => {
        p.registration = {
          status: "preparing",
          auditPeriodStart: "2026-10-01",
          auditPeriodEnd: "2027-03-31",
        };
        return p;
      },
    });
    const { reply } = await h.command("remind list", DEFAULT_IDS.admin);
    const text = textOf(reply.body);
    expect(text).not.toContain(ja("remind.listNoPeriod"));
    // Internal audits of every objective: a target by the planned period's last day, 2027-03-31; 7 days before.
    expect(text).toContain(
      ja("remind.listItemPlanned", {
        sendAt: "2027年3月24日 10:00 JST",
        what: ja("reminder.title.internalNever", { count: 121 }),
        due: ja.date("2027-03-31"),
        lead: ja("reminder.lead", { count: 7 }),
      }),
    );
  });

  it("remind list says reminders are off when nothing was set", async () => {
    const { reply } = await h.command("remind list", DEFAULT_IDS.owner);
    expect(textOf(reply.body)).toContain(en("remind.listOff").slice(0, 30));
  });
});

describe("reminders reach the channel", () => {
  it("posts each due reminder once, late after downtime, and stops once the audit is recorded", async () => {
    await registeredProfile();
    await enableReminders();
    const sweeper = h.assistant.sweeper;
    const posts = () =>
      h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === DEFAULT_IDS.general);
    const title = ja("reminder.title.external", { part: ja("criteria.governance") });
    const governancePosts = () => posts().filter((c) => textOf(c.body).startsWith(title));

    // 2026-12-13 10:00 JST: the 7-day reminder of the governance audit due 2026-12-20.
    h.now = new Date("2026-12-13T10:00:00+09:00");
    const first = await sweeper.sweepOnce(h.now);
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const governance = governancePosts();
    expect(governance).toHaveLength(1);

    // The same sweep again, and a second instance's sweep, post nothing new.
    await sweeper.sweepOnce(h.now);
    expect(governancePosts()).toHaveLength(1);

    // The app was down until 2026-12-19 12:00: the 1-day reminder goes out late, once, marked late.
    h.now = new Date("2026-12-19T12:00:00+09:00");
    const late = await sweeper.sweepOnce(h.now);
    expect(late.late).toBeGreaterThanOrEqual(1);
    const after = governancePosts();
    expect(after).toHaveLength(2);
    expect(textOf(after[1]?.body)).toContain(ja("reminder.late", { date: "2026年12月19日 10:00 JST" }));

    // Recording the period's governance audit (dated after the period ended) makes it done: no more reminders.
    await h.assistant.services.profiles.save(team(), {
      baseRevision: 1,
      actor: DEFAULT_IDS.admin,
      at: h.now,
      update: (p) => {
        p.audits.external.push({ id: "g2", part: "governance", date: "2026-12-19", objectiveIds: [] });
        return p;
      },
    });
    h.now = new Date("2026-12-20T10:00:00+09:00");
    await sweeper.sweepOnce(h.now);
    expect(governancePosts()).toHaveLength(2);
  });
});

describe("a reminder's Record as done", () => {
  type Json = Record<string, unknown>;
  const posts = () =>
    h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === DEFAULT_IDS.general);

  /** The posted reminder whose text starts with `title`, and its record button. */
  function reminderWith(title: string): { message: Json; button: Json } {
    const call = posts().find((c) => textOf(c.body).startsWith(title));
    if (!call) throw new Error(`no reminder titled ${title}`);
    const blocks = (call.body.blocks ?? []) as Json[];
    for (const block of blocks) {
      const accessory = block.accessory as Json | undefined;
      if (accessory?.action_id === ACTION.openRecord) return { message: call.body, button: accessory };
    }
    throw new Error(`the reminder ${title} has no record button`);
  }

  /** Presses the button on the posted message as `user`; resolves once the modal it opens is filled in. */
  async function press(message: Json, button: Json, user: RequestUser = PEOPLE.admin) {
    const since = mark(h);
    const request = blockActions(h.fake, {
      user,
      message: { channel: DEFAULT_IDS.general, ts: "1765000000.000100", blocks: message.blocks as never },
      actions: [
        { action_id: ACTION.openRecord, block_id: "b", type: "button", value: String(button.value) } as never,
      ],
    });
    const response = await h.send(request);
    expect(response.status).toBe(200);
    return awaitModal(h, user, String((request.payload as Json).trigger_id), since);
  }

  beforeEach(async () => {
    await registeredProfile();
    await enableReminders();
    // 2026-12-13 10:00 JST: the 7-day reminders of the governance audit and the controls group (due 2026-12-20)
    // and, late, of internal coverage (until 2026-12-19; its 7-day lead was 2026-12-12).
    h.now = new Date("2026-12-13T10:00:00+09:00");
    await h.assistant.sweeper.sweepOnce(h.now);
  });

  it("opens the record modal with the obligation's type and objectives: controls group, internal, governance", async () => {
    const group1 = subsetGroups(h.assistant.services.engine.rules)[0] ?? [];
    const controls = reminderWith(ja("reminder.title.controls", { index: 1, cycle: 3 }));
    expect(JSON.parse(String(controls.button.value))).toMatchObject({ obligation: "controls:p2025-09-21" });
    const opened = await press(controls.message, controls.button);
    expect(opened.modal.callbackId).toBe(CALLBACK.record);
    expect(initialOf(opened.modal.view, RECORD_FIELDS.type.block)).toBe("external_controls");
    expect(initialOf(opened.modal.view, RECORD_FIELDS.objectives.block)).toEqual(group1);
    expect(initialOf(opened.modal.view, RECORD_FIELDS.all.block)).toEqual([]);

    const internal = reminderWith(ja("reminder.title.internal", { count: 2 }));
    const inModal = (await press(internal.message, internal.button)).modal;
    expect(initialOf(inModal.view, RECORD_FIELDS.type.block)).toBe("internal");
    expect(initialOf(inModal.view, RECORD_FIELDS.objectives.block)).toEqual(["5.1.1", "5.1.2"]);

    const governance = reminderWith(ja("reminder.title.external", { part: ja("criteria.governance") }));
    const govModal = (await press(governance.message, governance.button, PEOPLE.owner)).modal;
    expect(initialOf(govModal.view, RECORD_FIELDS.type.block)).toBe("external_governance");
    expect(initialOf(govModal.view, RECORD_FIELDS.objectives.block)).toEqual([]);
    expect(govModal.text).toContain(en("modal.record.submit"));

    // Submitted as it opened, the record makes the controls obligation done.
    const { ack } = await opened.modal.submit();
    expect(ack?.response_action ?? "clear").not.toBe("errors");
    await expect
      .poll(async () => {
        const { profile } = await h.assistant.services.profiles.get(team());
        const timeline = h.assistant.services.engine.obligations(profile, h.now);
        return timeline.obligations.find((o) => o.id === "controls:p2025-09-21")?.status;
      })
      .toBe("done");
  });

  it("looks the obligation up in the timeline: a forged or finished id opens the plain modal; members are refused", async () => {
    const controls = reminderWith(ja("reminder.title.controls", { index: 1, cycle: 3 }));
    const forged = { ...controls.button, value: JSON.stringify({ obligation: "controls:p1999-01-01" }) };
    const plain = (await press(controls.message, forged)).modal;
    expect(plain.callbackId).toBe(CALLBACK.record);
    expect(initialOf(plain.view, RECORD_FIELDS.type.block)).toBeNull();
    expect(initialOf(plain.view, RECORD_FIELDS.objectives.block)).toEqual([]);

    const member = (await press(controls.message, controls.button, PEOPLE.member)).modal;
    expect(member.text).toContain(ja("concise.refusal.howToJoin"));
  });
});
