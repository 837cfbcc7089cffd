/**
 * The browser tests' common ground: Debian's Chromium driven by playwright-core (never a downloaded browser), the
 * sandbox started in this process on free loopback ports with a temporary data directory, and the steps a person
 * takes on the page (pick a user, type a command, answer a modal, open App Home), each with a screenshot under
 * test-results/browser/.
 *
 * Without /usr/bin/chromium the suites are skipped with one printed line, except under CI (`CI` set), where they
 * fail saying what is missing.
 */
import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../dev/sandbox/chromium.js";
import { type Sandbox, type SandboxOptions, startSandbox } from "../../dev/sandbox/server.js";

export { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../dev/sandbox/chromium.js";
export const SCREENSHOT_DIR = "test-results/browser";

const IN_CI = Boolean(process.env.CI);
const chromiumMissing = !existsSync(CHROMIUM_PATH);
let skipNoticePrinted = false;

/** `describe`, skipped (with one printed line) when Chromium is missing outside CI, failing under CI. */
export function describeWithChromium(name: string, body: () => void): void {
  const skip = chromiumMissing && !IN_CI;
  if (skip && !skipNoticePrinted) {
    skipNoticePrinted = true;
    console.warn(
      `[test] SKIPPING browser tests: ${CHROMIUM_PATH} is not installed (apt-get install chromium; never a downloaded browser); under CI this fails.`,
    );
  }
  describe.skipIf(skip)(name, () => {
    beforeAll(() => {
      if (chromiumMissing) {
        throw new Error(
          `the browser tests need Debian's Chromium at ${CHROMIUM_PATH} under CI (bash .ci/run installs it): not found`,
        );
      }
    });
    body();
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
}

/** The sandbox on free loopback ports with its own temporary data directory, and a browser. */
export interface BrowserSandbox {
  sandbox: Sandbox;
  browser: Browser;
  dataDir: string;
  /** A fresh browser context (its own storage) showing the page as `userId`. */
  open(userId: string, channel?: string): Promise<SandboxPage>;
  close(): Promise<void>;
}

export async function startBrowserSandbox(
  options: Omit<SandboxOptions, "port"> = {},
): Promise<BrowserSandbox> {
  const dataDir = await mkdtemp(join(tmpdir(), "ismap-sandbox-"));
  const sandbox = await startSandbox({ port: 0, dataDir, logLevel: "error", ...options });
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await sandbox.close();
    throw error;
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    sandbox,
    browser,
    dataDir,
    async open(userId, channel) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: "en-GB" });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      const query = new URLSearchParams({ user: userId, ...(channel ? { channel } : {}) });
      await page.goto(`${sandbox.url}?${query}`);
      await page.waitForSelector("body[data-ready=true]");
      return new SandboxPage(page, errors);
    },
    async close() {
      await browser.close();
      await sandbox.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A sandbox for the tests of one suite: started before them (with `options`), closed after them. Call it inside
 * the suite's describe; what it returns reaches the running sandbox.
 */
export function useBrowserSandbox(options: Omit<SandboxOptions, "port"> = {}): BrowserSandbox {
  let env: BrowserSandbox | undefined;
  beforeAll(async () => {
    env = await startBrowserSandbox(options);
  });
  afterAll(async () => {
    await env?.close();
  });
  const running = (): BrowserSandbox => {
    if (env === undefined) throw new Error("the browser sandbox has not started");
    return env;
  };
  return {
    get sandbox() {
      return running().sandbox;
    },
    get browser() {
      return running().browser;
    },
    get dataDir() {
      return running().dataDir;
    },
    open: (userId, channel) => running().open(userId, channel),
    close: () => running().close(),
  };
}

/** The text a locator shows now ("" when nothing matches). */
export async function shownText(locator: Locator): Promise<string> {
  if ((await locator.count()) === 0) return "";
  // biome-ignore lint/performance/useDomNodeTextContent: a Playwright locator; innerText is the text as shown
  return await locator.first().innerText();
}

/** Waits until the locator shows `expected` (a substring, or a pattern). */
export async function expectText(
  locator: Locator,
  expected: string | RegExp,
  timeout = 15_000,
): Promise<void> {
  const poll = expect.poll(() => shownText(locator), { timeout });
  if (typeof expected === "string") await poll.toContain(expected);
  else await poll.toMatch(expected);
}

/** Waits until the locator matches nothing. */
export async function expectGone(locator: Locator, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(0);
}

/** One person's page, with the steps the scenarios take. */
export class SandboxPage {
  constructor(
    readonly page: Page,
    /** Uncaught errors of the page's scripts; a scenario ends by expecting none. */
    readonly errors: string[],
  ) {}

  /** Types a line in the composer and sends it (Enter), as a person does. */
  async type(text: string): Promise<void> {
    const input = this.page.locator("#composer-input");
    await input.fill(text);
    await input.press("Enter");
  }

  /** The last message in the pane (the app's answer to the last command, once it arrived). */
  lastMessage(): Locator {
    return this.page.locator("#message-list > article.msg").last();
  }

  /** Waits until the message pane shows `text` in a message of the app. */
  async waitForMessage(text: string | RegExp): Promise<Locator> {
    const message = this.page.locator("#message-list article.msg-bot", { hasText: text }).last();
    await message.waitFor({ timeout: 15_000 });
    return message;
  }

  /** The modal on screen. */
  modal(): Locator {
    return this.page.locator("#modal-root .modal");
  }

  /** Waits for the modal with this callback_id (and text) to be on screen. */
  async waitForModal(callbackId: string, text?: string | RegExp): Promise<Locator> {
    const modal = this.page.locator(`#modal-root .modal[data-callback-id="${callbackId}"]`, {
      ...(text ? { hasText: text } : {}),
    });
    await modal.waitFor({ timeout: 15_000 });
    return modal;
  }

  /** An input block of the modal, by block_id. */
  block(blockId: string): Locator {
    return this.modal().locator(`[data-block-id="${blockId}"]`);
  }

  async chooseRadio(blockId: string, value: string): Promise<void> {
    await this.block(blockId).locator(`input[type=radio][value="${value}"]`).check();
  }

  async check(blockId: string, value: string): Promise<void> {
    await this.block(blockId).locator(`input[type=checkbox][value="${value}"]`).check();
  }

  /** Opens a menu of the block, types `query` (if any) and picks the option with this value. */
  async pickOption(blockId: string, value: string, query?: string): Promise<void> {
    const search = this.block(blockId).locator(".bk-select-search");
    await search.click();
    if (query !== undefined) await search.fill(query);
    await this.block(blockId).locator(`.bk-menu-option[data-value="${value}"]`).click();
  }

  /** Presses the modal's submit button and waits until the view on screen changed (or the modal closed). */
  async submit(): Promise<void> {
    const before = await this.modalKey();
    await this.modal().locator("[data-role=submit]").click();
    await expect.poll(() => this.modalKey(), { timeout: 15_000 }).not.toBe(before);
  }

  /** The view id and text on screen: changes when the app updates, pushes or closes the view. */
  async modalKey(): Promise<string> {
    const modal = this.modal();
    if ((await modal.count()) === 0) return "closed";
    return `${await modal.getAttribute("data-view-id")}|${await shownText(modal)}`;
  }

  async openHome(): Promise<Locator> {
    await this.page.locator("#open-app").click();
    await this.page.locator("#tab-home").click();
    const home = this.page.locator("#home-view .home-inner");
    await home.waitFor({ timeout: 15_000 });
    return home;
  }

  async pickUser(userId: string): Promise<void> {
    await this.page.locator("#user-picker").selectOption(userId);
  }

  /** A full-page PNG under test-results/browser/. */
  async shot(name: string): Promise<void> {
    await this.page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
  }
}
