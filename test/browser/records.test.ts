/**
 * Records in and out in the browser: an owner exports from one sandbox workspace (the files arrive in the app's DM
 * with download links), downloads the workbook, and imports it in another workspace (a second sandbox) through the
 * file picker of the import modal; that workspace's App Home then shows the same coverage.
 */
import { readFile } from "node:fs/promises";
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

const en = createTranslator("en");
const ja = createTranslator("ja");

describeWithChromium("export and import in the browser", () => {
  let source: BrowserSandbox;
  let target: BrowserSandbox;
  beforeAll(async () => {
    source = await startBrowserSandbox({ clock: "2026-11-26T10:00:00+09:00" });
    target = await startBrowserSandbox({ clock: "2026-11-26T10:00:00+09:00" });
    const team = { teamId: source.sandbox.emulator.teamId };
    const saved = await source.sandbox.assistant.services.profiles.save(team, {
      baseRevision: 0,
      actor: SANDBOX_IDS.owner,
      at: new Date("2026-11-26T10:00:00+09:00"),
      update: (profile) => {
        profile.audits.internal.push({
          id: "a1",
          date: "2025-04-15",
          objectiveIds: ["5.1.1", "5.1.2", "9.2.3"],
        });
        return profile;
      },
    });
    expect(saved.ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it("exports a workbook, downloads it, and imports it in another workspace with the same coverage", async () => {
    const exporter = await source.open(SANDBOX_IDS.owner);
    await exporter.type("/ismap export");
    await exporter.waitForMessage(en("records.export.sentToDm"));
    await exporter.page.locator("#open-app").click();
    await exporter.page.locator("#tab-messages").click();
    const link = exporter.page.locator("#message-list a.msg-file", { hasText: ".xlsx" });
    await link.waitFor({ timeout: 15_000 });
    await exporter.shot("records-1-export-dm");
    const [download] = await Promise.all([exporter.page.waitForEvent("download"), link.click()]);
    const path = await download.path();
    expect(download.suggestedFilename()).toBe("ismap-records-2026-11-26.xlsx");
    expect((await readFile(path)).subarray(0, 2).toString()).toBe("PK");

    const importer = await target.open(SANDBOX_IDS.admin);
    await importer.type("/ismap import");
    await importer.waitForModal(CALLBACK.importFile, ja("records.import.fileLabel"));
    await importer
      .modal()
      .locator('input[type="file"]')
      .setInputFiles({
        name: download.suggestedFilename(),
        mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        buffer: await readFile(path),
      });
    await expectText(importer.modal().locator(".bk-file-status"), "ismap-records-2026-11-26.xlsx");
    await importer.shot("records-2-import-picked");
    await importer.submit();
    await importer.waitForModal(CALLBACK.importConfirm);
    await expectText(importer.modal(), "件の監査");
    await importer.shot("records-3-import-preview");
    await importer.submit();
    await importer.waitForModal(CALLBACK.result, ja("app.savedTitle"));
    await importer.shot("records-4-import-saved");
    await importer.modal().locator("[data-role=close]").click();

    const home = await importer.openHome();
    await expectText(home, ja("audit.objectivesCovered", { covered: 3, total: 121 }));
    await importer.shot("records-5-home-after");
    expect(exporter.errors).toEqual([]);
    expect(importer.errors).toEqual([]);
  });
});
