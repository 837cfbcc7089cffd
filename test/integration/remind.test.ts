/**
 * `/ismap remind` (the settings modal, editors only) and `/ismap remind list`, through the real app over HTTP.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../helpers/app-harness.js";
import { FAKE_IDS } from "../helpers/fake-slack.js";
import { en, ja, mark, openByCommand, PEOPLE, textOf, waitForViewUpdate } from "./support-modals.js";

let h: Harness;
const team = () => ({ teamId: h.fake.teamId });

beforeEach(async () => {
  h = await startHarness({ now: "2026-11-26T10:00:00+09:00" });
});

afterEach(async () => {
  await h.close();
});

async function registeredProfile(): Promise<void> {
  const saved = await h.assistant.services.profiles.save(team(), {
    baseRevision: 0,
    actor: FAKE_IDS.admin,
    at: h.now,
    update: (p) => {
      p.registration = { status: "registered", registeredOn: "2025-12-20" };
      p.audits.external.push({ id: "g1", part: "governance", date: "2025-12-20", objectiveIds: [] });
      return p;
    },
  });
  expect(saved.ok).toBe(true);
}

describe("/ismap remind", () => {
  it("refuses a member who is not an editor", async () => {
    const { modal } = await openByCommand(h, "remind", PEOPLE.member);
    expect(modal.text).toContain(ja("errors.notAllowed"));
  });

  it("names the channel field when the app is not in the channel, and saves nothing", async () => {
    const { modal } = await openByCommand(h, "remind", PEOPLE.admin);
    const { ack } = await modal.submit({ remind_enabled: ["yes"], remind_channel: FAKE_IDS.random });
    expect(ack?.response_action).toBe("errors");
    expect(ack?.errors?.remind_channel).toBe(ja("remind.errors.notMember"));
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
      remind_channel: FAKE_IDS.general,
      remind_leads: "30、7 1",
      remind_time: "09:30",
    });
    expect(ack?.response_action).toBe("update");
    await waitForViewUpdate(h, modal.id, since);
    expect(textOf(h.fake.view(modal.id))).toContain(ja("remind.saved"));
    const settings = await h.assistant.services.reminders.get(team());
    expect(settings).toMatchObject({
      enabled: true,
      channel: FAKE_IDS.general,
      leadDays: [30, 7, 1],
      timeOfDay: "09:30",
    });

    const { reply } = await h.command("remind list", FAKE_IDS.admin);
    const text = textOf(reply.body);
    expect(text).toContain(`<#${FAKE_IDS.general}>`);
    // The governance audit of 2025-12-20 is due a year later: its 30-day reminder goes out on 2026-11-20 — already
    // past — so the next ones are the 7-day and 1-day reminders, at 9:30 JST.
    expect(text).toContain("2026年12月13日 9:30 JST");
    expect(text).toContain("2026年12月19日 9:30 JST");
  });

  it("remind list says reminders are off when nothing was set", async () => {
    const { reply } = await h.command("remind list", FAKE_IDS.owner);
    expect(textOf(reply.body)).toContain(en("remind.listOff").slice(0, 30));
  });
});

describe("reminders reach the channel", () => {
  it("posts each due reminder once, late after downtime, and stops once the audit is recorded", async () => {
    await registeredProfile();
    const { modal } = await openByCommand(h, "remind", PEOPLE.admin);
    const since = mark(h);
    await modal.submit({ remind_enabled: ["yes"], remind_channel: FAKE_IDS.general, remind_leads: "7, 1" });
    await waitForViewUpdate(h, modal.id, since);
    const sweeper = h.assistant.sweeper;
    const posts = () => h.fake.callsTo("chat.postMessage").filter((c) => c.body.channel === FAKE_IDS.general);
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

    // Recording this year's governance audit moves its due date a year on: no more reminders for it.
    await h.assistant.services.profiles.save(team(), {
      baseRevision: 1,
      actor: FAKE_IDS.admin,
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
