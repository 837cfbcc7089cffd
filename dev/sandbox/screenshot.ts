/**
 * Takes the README's picture of the sandbox (docs/sandbox.png) in Debian's Chromium (never a downloaded browser):
 * an English-speaking owner has run the eligibility check and is recording an internal audit from App Home, the
 * objective search open. Development only, like the rest of dev/.
 *
 *   npx tsx dev/sandbox/screenshot.ts [output.png]
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "./chromium.js";
import { startSandbox } from "./server.js";
import { SANDBOX_IDS } from "./workspace.js";

async function until(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ timeout: 15_000 });
}

/** The modal's view id and hash: they change when the app updates the view. */
async function modalKey(page: Page): Promise<string> {
  const modal = page.locator("#modal-root .modal");
  return (await modal.count()) === 0
    ? "closed"
    : `${await modal.getAttribute("data-view-id")}|${await modal.textContent()}`;
}

async function submitAndWait(page: Page): Promise<void> {
  const before = await modalKey(page);
  await page.locator("#modal-root [data-role=submit]").click();
  for (let i = 0; i < 150; i++) {
    if ((await modalKey(page)) !== before) return;
    await page.waitForTimeout(100);
  }
  throw new Error("the modal did not change after submitting");
}

async function main(): Promise<void> {
  const output = process.argv[2] ?? "docs/sandbox.png";
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`${CHROMIUM_PATH} is missing: apt-get install chromium`);
  const dataDir = await mkdtemp(join(tmpdir(), "ismap-sandbox-shot-"));
  const sandbox = await startSandbox({
    port: 0,
    dataDir,
    clock: "2026-05-12T10:30:00+09:00",
    logLevel: "error",
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 }, locale: "en-GB" });
    await page.goto(`${sandbox.url}?user=${SANDBOX_IDS.owner}`);
    await until(page, "body[data-ready=true]");

    // The eligibility check, so App Home has a verdict.
    await page.fill("#composer-input", "/ismap check");
    await page.press("#composer-input", "Enter");
    await until(page, '#modal-root .modal[data-callback-id="eligibility_modal"]');
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
    for (const answers of steps) {
      for (const [block, value] of answers) {
        await page.locator(`[data-block-id="${block}"] input[value="${value}"]`).check();
      }
      await submitAndWait(page);
    }
    await until(page, '#modal-root .modal[data-callback-id="result_modal"]');
    await page.locator("#modal-root [data-role=close]").click();

    // A question by mention, for the channel's history.
    await page.fill("#composer-input", "@ismap-liu When is the internal audit due?");
    await page.press("#composer-input", "Enter");
    await until(page, "#message-list .thread article.msg-bot");

    // App Home, then the record modal with the objective search open.
    await page.locator("#open-app").click();
    await until(page, "#home-view .home-inner");
    await page.getByRole("button", { name: "Record an audit" }).click();
    await until(page, '#modal-root .modal[data-callback-id="record_audit_modal"]');
    await page.locator('[data-block-id="record_type"] input[value="internal"]').check();
    const search = page.locator('[data-block-id="record_objectives"] .bk-select-search');
    await search.click();
    await search.fill("9.2");
    await page.locator('[data-block-id="record_objectives"] .bk-menu-option[data-value="9.2.3"]').click();
    await search.fill("password");
    await until(page, '[data-block-id="record_objectives"] .bk-menu-option[data-value="9.4.3"]');
    await page.waitForTimeout(300);
    await page.screenshot({ path: output });
    console.log(`wrote ${output}`);
  } finally {
    await browser.close();
    await sandbox.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

await main();
