/**
 * The eligibility questionnaire in a real Chromium: a Japanese admin walks the five steps to a verdict (saved to
 * the team profile), an English-speaking member gets a verdict in English that is not saved.
 */
import { expect, it } from "vitest";
import { SANDBOX_IDS } from "../../dev/sandbox/workspace.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { CALLBACK } from "../../src/slack/contract/ids.js";
import {
  describeWithChromium,
  expectGone,
  expectText,
  type SandboxPage,
  shownText,
  useBrowserSandbox,
} from "../support/browser.js";

const ja = createTranslator("ja");
const en = createTranslator("en");

/** Answers a question of the step on screen, whether it is drawn as radio buttons or as a menu. */
async function answer(p: SandboxPage, question: string, value: string): Promise<void> {
  const radio = p.block(question).locator(`input[type=radio][value="${value}"]`);
  if ((await radio.count()) > 0) await radio.check();
  else await p.pickOption(question, value);
}

describeWithChromium("the eligibility questionnaire in the browser", () => {
  const env = useBrowserSandbox({ clock: "2026-11-26T10:00:00+09:00" });

  it("walks a Japanese admin through every step to a verdict, saved to App Home", async () => {
    const p = await env.open(SANDBOX_IDS.admin);
    await expect.poll(() => p.page.locator("html").getAttribute("lang")).toBe("ja");
    await p.type("/ismap 判定");
    await p.waitForModal(CALLBACK.eligibility, ja("modal.eligibility.intro"));
    await p.shot("questionnaire-ja-1-service-model");

    const steps: Array<Array<[string, string]>> = [
      [["service_model", "saas"]],
      [["confidentiality", "c2"]],
      [["target_business", "policy-work-for-publication"]],
      [["impact_assessment", "low"]],
      [
        ["personal_data", "no"],
        ["public_by_design", "yes"],
      ],
    ];
    for (const [index, answers] of steps.entries()) {
      expect(await p.modal().getAttribute("data-callback-id")).toBe(CALLBACK.eligibility);
      for (const [question, value] of answers) await answer(p, question, value);
      await p.shot(`questionnaire-ja-${index + 2}-answered`);
      await p.submit();
    }
    const result = await p.waitForModal(CALLBACK.result, ja("verdict.liu_eligible"));
    expect(await shownText(result.locator(".bk-header"))).toBe(ja("verdict.liu_eligible"));
    await expectText(result, ja("msg.verdict.nextSteps"));
    await p.shot("questionnaire-ja-7-verdict");
    // The reasons, sources and unconfirmed points are one button away, pushed over the verdict.
    await result.getByRole("button", { name: ja("concise.caveats.details") }).click();
    const details = await p.waitForModal(CALLBACK.result, ja("concise.caveats.detailsTitle"));
    await expectText(details, ja("msg.verdict.reasons"));
    await p.shot("questionnaire-ja-7b-verdict-details");
    await details.locator("[data-role=close]").click();
    await p.waitForModal(CALLBACK.result, ja("verdict.liu_eligible"));

    await result.locator("[data-role=close]").click();
    await expectGone(p.modal());
    const home = await p.openHome();
    await expectText(home, ja("verdict.liu_eligible"));
    await p.shot("questionnaire-ja-8-home");
    expect(p.errors).toEqual([]);
  });

  it("answers an English-speaking member in English, with a verdict that is not saved", async () => {
    const p = await env.open(SANDBOX_IDS.memberEn);
    await expect.poll(() => p.page.locator("html").getAttribute("lang")).toBe("en");
    await p.type("/ismap check");
    await p.waitForModal(CALLBACK.eligibility, en("modal.eligibility.intro"));

    // The admin's saved answers come preselected (the team's profile); this member answers differently.
    await answer(p, "service_model", "saas");
    await p.submit();
    await answer(p, "confidentiality", "c2");
    await p.submit();
    await answer(p, "target_business", "unsure");
    await p.shot("questionnaire-en-1-target-business");
    await p.submit();
    // The optional self-check is sent empty.
    await p.submit();

    const result = await p.waitForModal(CALLBACK.result, en("verdict.liu_pending_target_list"));
    await expectText(result, en("app.verdictNotSaved"));
    await p.shot("questionnaire-en-2-verdict-not-saved");
    expect(p.errors).toEqual([]);
  });
});
