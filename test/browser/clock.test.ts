/**
 * The sandbox clock: on 31 March 2025 the special measure still accepts entries; one day later (1 April, JST) it
 * is closed, and both `/ismap special` and App Home say so.
 */
import { expect, it } from "vitest";
import { SANDBOX_IDS } from "../../dev/sandbox/workspace.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { describeWithChromium, expectText, shownText, useBrowserSandbox } from "../support/browser.js";

const en = createTranslator("en");
const accepting = en("specialMeasure.acceptance.accepting");
const closed = en("specialMeasure.acceptance.closed");

describeWithChromium("the sandbox clock in the browser", () => {
  const env = useBrowserSandbox({ clock: "2025-03-31T10:00:00+09:00" });

  it("moves a day forward and /ismap special and App Home change with it", async () => {
    const p = await env.open(SANDBOX_IDS.owner);
    await expectText(p.page.locator("#clock-now"), "31 Mar 2025");

    await p.type("/ismap special");
    const before = await p.waitForMessage(accepting);
    expect(await shownText(before)).not.toContain(closed);
    const home = await p.openHome();
    await expectText(home, en("home.acceptance", { status: accepting }));
    await p.shot("clock-1-accepting");

    await p.page.getByRole("button", { name: en("sandbox.advanceDay") }).click();
    await expectText(p.page.locator("#clock-now"), "1 Apr 2025");
    // App Home is opened again after the clock moved, so it shows the new day.
    await expectText(home, en("home.acceptance", { status: closed }));
    await p.shot("clock-2-home-closed");

    await p.page.locator("[data-channel=general]").click();
    await p.type("/ismap special");
    await p.waitForMessage(closed);
    await p.shot("clock-3-special-closed");
    expect(p.errors).toEqual([]);
  });
});
