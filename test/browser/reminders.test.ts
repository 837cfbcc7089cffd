/**
 * Setting a reminder in the sandbox and seeing it arrive: `/ismap remind` saves the settings (the app checks it is
 * in the channel), the sandbox clock moves to the reminder's send time, a sweep runs, and #general shows it.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { SANDBOX_IDS } from "../../dev/sandbox/workspace.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { CALLBACK } from "../../src/slack/contract/ids.js";
import {
  type BrowserSandbox,
  describeWithChromium,
  expectText,
  startBrowserSandbox,
} from "../support/browser.js";
import { registeredForPeriod2025 } from "../support/reminders.js";

const en = createTranslator("en");

describeWithChromium("reminders in the browser", () => {
  let env: BrowserSandbox;
  beforeAll(async () => {
    env = await startBrowserSandbox({
      clock: "2026-12-10T10:01:00+09:00",
      sweep: (now, { assistant }) => assistant.sweeper.sweepOnce(now),
    });
    // A registered service whose audit period 2025-09-21 – 2026-09-20 has its report day on 2026-12-20: its
    // management audit is on record, its governance audit is due by then.
    const saved = await env.sandbox.assistant.services.profiles.save(
      { teamId: env.sandbox.emulator.teamId },
      {
        baseRevision: 0,
        actor: SANDBOX_IDS.owner,
        at: new Date("2026-12-10T10:01:00+09:00"),
        update: (p) => {
          p.registration = registeredForPeriod2025("2025-12-20");
          p.audits.external.push({
            id: "m1",
            part: "management",
            date: "2026-10-20",
            objectiveIds: [],
            periodStart: "2025-09-21",
            periodEnd: "2026-09-20",
          });
          return p;
        },
      },
    );
    expect(saved.ok).toBe(true);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("sets a reminder, advances the clock, runs a sweep and sees the reminder in #general", async () => {
    const p = await env.open(SANDBOX_IDS.owner, "general");
    await p.type("/ismap remind");
    await p.waitForModal(CALLBACK.remind, en("remind.intro"));
    await p.check("remind_enabled", "yes");
    await p.pickOption("remind_channel", SANDBOX_IDS.general);
    await p
      .modal()
      .locator('[data-block-id="remind_leads"] input, [data-block-id="remind_leads"] textarea')
      .fill("7");
    await p.shot("reminders-1-settings");
    await p.submit();
    await p.waitForModal(CALLBACK.result, en("app.savedTitle"));
    await p.modal().locator("[data-role=close]").click();

    // 13 Dec 2026 10:00 JST is 7 days before the due day: move the clock there and sweep.
    await p.page.getByRole("button", { name: en("sandbox.advanceDay") }).click();
    await p.page.getByRole("button", { name: en("sandbox.advanceDay") }).click();
    await p.page.getByRole("button", { name: en("sandbox.advanceDay") }).click();
    await expectText(p.page.locator("#clock-now"), "13 Dec 2026");
    await p.page.locator("#sweep-button").click();
    const title = en("reminder.title.external", { part: en("criteria.governance") });
    await p.waitForMessage(title);
    await p.shot("reminders-2-arrived");
    expect(p.errors).toEqual([]);
  });
});
