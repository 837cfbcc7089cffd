/**
 * Recording an internal audit through the modal opened from App Home (the objectives searched through the app's
 * own options handler, behind a multi external select), and the coverage on App Home changing; a member who may
 * not edit the profile is refused.
 */
import { expect, it } from "vitest";
import { SANDBOX_IDS } from "../../dev/sandbox/workspace.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { CALLBACK } from "../../src/slack/contract/ids.js";
import {
  describeWithChromium,
  expectGone,
  expectText,
  shownText,
  useBrowserSandbox,
} from "../support/browser.js";

const ja = createTranslator("ja");
const en = createTranslator("en");

describeWithChromium("recording an audit and permissions in the browser", () => {
  const env = useBrowserSandbox({ clock: "2026-11-26T10:00:00+09:00" });

  it("records an internal audit from App Home and shows the new coverage there", async () => {
    const p = await env.open(SANDBOX_IDS.owner);
    const home = await p.openHome();
    await expectText(home, en("audit.objectivesCovered", { covered: 0, total: 121 }));
    await p.shot("audit-1-home-before");

    await home.getByRole("button", { name: en("home.buttons.record") }).click();
    await p.waitForModal(CALLBACK.record, en("modal.record.intro"));

    // Nothing chosen: Slack's client marks the required field and sends nothing.
    await p.modal().locator("[data-role=submit]").click();
    await expectText(p.block("record_type").locator(".bk-error"), "Please complete this required field.");
    await p.shot("audit-2-required");

    await p.chooseRadio("record_type", "internal");
    // The external select asks the app (block_suggestion) for options matching what is typed.
    const search = p.block("record_objectives").locator(".bk-select-search");
    await search.click();
    await search.fill("5.1");
    const option = p.block("record_objectives").locator('.bk-menu-option[data-value="5.1.1"]');
    await option.waitFor({ timeout: 15_000 });
    await p.shot("audit-3-objective-search");
    await option.click();
    await p.pickOption("record_objectives", "6.1.1", "6.1.1");
    expect(await p.block("record_objectives").locator(".bk-chip").count()).toBe(2);
    await p.modal().locator("textarea").fill("Sandbox walk-through");
    await p.shot("audit-4-filled");

    await p.submit();
    await p.waitForModal(CALLBACK.result, en("app.savedTitle"));
    await p.shot("audit-5-saved");
    await p.modal().locator("[data-role=close]").click();
    await expectGone(p.modal());

    await expectText(home, en("audit.objectivesCovered", { covered: 2, total: 121 }));
    await p.shot("audit-6-home-after");
    expect(p.errors).toEqual([]);
  });

  it("refuses the profile editor to a member, and shows them a read-only App Home", async () => {
    const p = await env.open(SANDBOX_IDS.member);
    await p.type("/ismap profile");
    const modal = await p.waitForModal(CALLBACK.result, ja("concise.refusal.who"));
    expect(await shownText(modal.locator(".modal-title"))).toBe(ja("app.notAllowedTitle"));
    await p.shot("permissions-1-refused");
    await modal.locator("[data-role=close]").click();
    await expectGone(p.modal());

    const home = await p.openHome();
    await expectText(home, ja("home.memberNote"));
    expect(await home.getByRole("button", { name: ja("home.buttons.profile") }).count()).toBe(0);
    await p.shot("permissions-2-member-home");
    expect(p.errors).toEqual([]);
  });
});
