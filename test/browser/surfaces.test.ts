/**
 * Slack's own surfaces in the sandbox, as a person uses them: the assistant panel (open it, see the prompts, ask,
 * see the status while the app works and then the answer, press 👎) in Japanese and English, and a Workflow
 * Builder step run (a form with the step's inputs, showing its outputs or its error).
 */
import { expect, it } from "vitest";
import { SANDBOX_IDS } from "../../dev/sandbox/workspace.js";
import { createTranslator } from "../../src/i18n/translator.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import {
  describeWithChromium,
  expectText,
  type SandboxPage,
  shownText,
  useBrowserSandbox,
} from "../support/browser.js";

const ja = createTranslator("ja");
const en = createTranslator("en");

describeWithChromium("Slack's own surfaces in the browser", () => {
  const env = useBrowserSandbox({ clock: "2026-11-26T10:00:00+09:00" });

  async function openPanel(p: SandboxPage) {
    await p.page.locator("#assistant-open").click();
    const panel = p.page.locator("#assistant-panel");
    await panel.waitFor({ state: "visible", timeout: 15_000 });
    return panel;
  }

  it("the panel greets, offers prompts, shows its status while working, answers with citations and takes a 👎 (ja)", async () => {
    const aiko = await env.open(SANDBOX_IDS.admin, SANDBOX_IDS.general);
    const panel = await openPanel(aiko);
    await expectText(panel.locator(".assistant-prompts"), ja("assistant.prompts.eligible.title"));
    await expectText(panel.locator(".assistant-prompts"), ja("assistant.promptsTitle"));
    await expectText(panel.locator(".assistant-messages"), "ISMAP-LIUについてご質問ください");
    await aiko.shot("surfaces-1-panel-prompts-ja");

    // Slack's reply takes a moment: the status stays on screen until the answer is posted.
    env.sandbox.emulator.failNext("chat.postMessage", { delayMs: 1500 });
    await panel.locator("#assistant-input").fill("内部監査の3年ルールとは");
    await panel.locator("#assistant-input").press("Enter");
    await expectText(panel.locator("#assistant-status"), ja("assistant.status"));
    await aiko.shot("surfaces-2-panel-status-ja");
    const answer = panel.locator(".assistant-msg-bot", { hasText: "直近3年間に少なくとも1回は内部監査" });
    await answer.waitFor({ timeout: 15_000 });
    await expect.poll(() => panel.locator("#assistant-status").isHidden(), { timeout: 15_000 }).toBe(true);
    await expectText(panel.locator("#assistant-title"), "内部監査の3年ルールとは");
    // The prompts give way once the person wrote.
    expect(await panel.locator(".assistant-prompt").count()).toBe(0);
    expect(await shownText(answer)).toContain("出典");

    await answer.getByRole("button", { name: ja("feedback.negativeLabel") }).click();
    await expect
      .poll(async () => (await env.sandbox.assistant.services.feedback.all()).length, { timeout: 15_000 })
      .toBe(1);
    const [entry] = await env.sandbox.assistant.services.feedback.all();
    expect(entry).toMatchObject({ question: "内部監査の3年ルールとは", locale: "ja", surface: "assistant" });
    await aiko.shot("surfaces-3-panel-answer-feedback-ja");

    // Switching channel with the panel open: the thread's context follows, in the store.
    await aiko.page.locator("[data-channel=random]").click();
    await expectText(panel.locator("#assistant-viewing"), "random");
    // The panel's thread: the one the app titled.
    const thread = {
      channel: `D${SANDBOX_IDS.admin.slice(1)}`,
      threadTs: String(env.sandbox.emulator.callsTo("assistant.threads.setTitle").at(-1)?.body.thread_ts),
    };
    await expect
      .poll(
        async () =>
          (await env.sandbox.assistant.services.threads.get({ teamId: env.sandbox.emulator.teamId }, thread))
            .context.channel_id,
        { timeout: 15_000 },
      )
      .toBe(SANDBOX_IDS.random);
    expect(aiko.errors).toEqual([]);
  });

  it("answers a question about the team's own dates from its timeline (en)", async () => {
    const team = { teamId: env.sandbox.emulator.teamId };
    const { revision } = await env.sandbox.assistant.services.profiles.get(team);
    await env.sandbox.assistant.services.profiles.save(team, {
      baseRevision: revision,
      actor: SANDBOX_IDS.admin,
      at: new Date("2026-11-26T10:00:00+09:00"),
      update: (p: ServiceProfile) => ({
        ...p,
        registration: {
          status: "registered",
          registeredOn: "2025-02-01",
          auditPeriodStart: "2024-04-01",
          auditPeriodEnd: "2025-03-31",
        },
      }),
    });
    const oscar = await env.open(SANDBOX_IDS.owner, SANDBOX_IDS.general);
    const panel = await openPanel(oscar);
    await expectText(panel.locator(".assistant-prompts"), en("assistant.prompts.oweMonth.title"));
    await panel.locator(".assistant-prompt", { hasText: en("assistant.prompts.registration.title") }).click();
    const answer = panel.locator(".assistant-msg-bot", { hasText: en("assistant.team.title") });
    await answer.waitFor({ timeout: 15_000 });
    expect(await shownText(answer)).toContain(en("obligation.title.validity"));
    await expectText(panel.locator("#assistant-title"), en("assistant.prompts.registration.message"));
    await oscar.shot("surfaces-4-panel-team-dates-en");
    expect(oscar.errors).toEqual([]);
  });

  it("runs the Workflow Builder steps from a form: outputs on success, the error on bad input", async () => {
    const oscar = await env.open(SANDBOX_IDS.owner, SANDBOX_IDS.general);
    await oscar.page.locator("#step-open").click();
    const dialog = oscar.page.locator("#step-dialog");
    await dialog.waitFor({ state: "visible", timeout: 15_000 });
    await dialog.locator("input[name=days_ahead]").fill("400");
    await dialog.locator("#step-run").click();
    await expectText(dialog.locator("#step-output"), "count");
    expect(Number(await shownText(dialog.locator("[data-output=count]")))).toBeGreaterThan(0);
    await oscar.shot("surfaces-5-step-what-is-due");

    await dialog.locator("input[name=days_ahead]").fill("0");
    await dialog.locator("#step-run").click();
    // The team's language: Japanese until its reminders say otherwise.
    await expectText(dialog.locator("#step-output"), "「何日先まで」には1〜1095の整数を指定してください");

    await dialog.locator("#step-pick").selectOption("ismap_record_audit");
    await dialog.locator("input[name=audit_date]").fill("2026-11-20");
    await dialog.locator("#step-run").click();
    await expectText(dialog.locator("[data-output=coverage]"), "2/");
    await oscar.shot("surfaces-6-step-record-audit");
    const { profile } = await env.sandbox.assistant.services.profiles.get({
      teamId: env.sandbox.emulator.teamId,
    });
    expect(profile.audits.internal.at(-1)).toMatchObject({
      date: "2026-11-20",
      objectiveIds: ["5.1.1", "5.1.2"],
    });
    expect(oscar.errors).toEqual([]);
  });
});
