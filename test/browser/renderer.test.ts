/**
 * The Block Kit renderer in Chromium, on the sandbox's gallery page: every supported block and element is drawn,
 * unsupported types are shown as "unsupported: <type>", mrkdwn is formatted safely, interactive elements send the
 * actions Slack would send, and input blocks give the `view.state.values` Slack would give.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type BrowserSandbox,
  describeWithChromium,
  SCREENSHOT_DIR,
  shownText,
  startBrowserSandbox,
} from "../support/browser.js";

type Json = Record<string, unknown>;

describeWithChromium("the Block Kit renderer", () => {
  let env: BrowserSandbox;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    env = await startBrowserSandbox();
    page = await env.browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8_000);
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${env.sandbox.url}assets/gallery.html`);
    await page.waitForSelector("body[data-ready=true]");
  });
  afterAll(async () => {
    await env?.close();
  });

  const actions = async (): Promise<Json[]> =>
    JSON.parse((await page.locator("#actions").textContent()) || "[]") as Json[];

  it("draws every supported block and element, and marks the unsupported ones", async () => {
    const blockTypes = await page
      .locator("#message-surface [data-block-type]")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-block-type")));
    for (const type of [
      "header",
      "section",
      "context",
      "divider",
      "image",
      "actions",
      "rich_text",
      "context_actions",
    ]) {
      expect(blockTypes).toContain(type);
    }
    const elementTypes = await page
      .locator("[data-element-type]")
      .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-element-type")));
    for (const type of [
      "button",
      "overflow",
      "image",
      "static_select",
      "users_select",
      "conversations_select",
      "channels_select",
      "datepicker",
      "timepicker",
      "datetimepicker",
      "plain_text_input",
      "number_input",
      "email_text_input",
      "url_text_input",
      "multi_static_select",
      "external_select",
      "multi_external_select",
      "multi_users_select",
      "multi_conversations_select",
      "multi_channels_select",
      "checkboxes",
      "radio_buttons",
      "file_input",
      "feedback_buttons",
    ]) {
      expect(elementTypes).toContain(type);
    }
    const unsupported = await page.locator(".bk-unsupported").allInnerTexts();
    expect(unsupported).toEqual(["unsupported: video"]);
    expect(await page.locator('.bk-file-input input[type="file"]').count()).toBe(1);
    // A missing image shows its alt text.
    expect(await shownText(page.locator(".bk-image-missing"))).toBe("a missing image");
    await page.screenshot({ path: `${SCREENSHOT_DIR}/renderer-gallery.png`, fullPage: true });
  });

  it("formats mrkdwn: bold, italic, strike, code, links, mentions, escapes, bullets, quotes, line breaks", async () => {
    const text = page.locator('#message-surface [data-block-id="formatting"] .bk-mrkdwn');
    expect(await shownText(text.locator("strong").first())).toBe("bold");
    expect(await shownText(text.locator("em").first())).toBe("italic");
    expect(await shownText(text.locator("del"))).toBe("strike");
    expect(await shownText(text.locator("code"))).toBe("code");
    expect(await text.locator("a").getAttribute("href")).toBe("https://example.com/docs");
    expect(await shownText(text.locator("a"))).toBe("a link");
    expect(await text.locator(".bk-mention").allInnerTexts()).toEqual(["@Aiko Sato", "#general"]);
    expect(await shownText(text.locator(".bk-line").nth(1))).toContain("<not a tag> & more");
    expect(await text.locator(".bk-bullet").allInnerTexts()).toEqual(["• first bullet", "• second bullet"]);
    expect(await shownText(text.locator(".bk-quote"))).toBe("a quote");
    expect(await shownText(text.locator("pre"))).toBe("preformatted *not bold*");
    expect(await text.locator(".bk-dot").count()).toBe(1);
  });

  it("sends the actions Slack sends: buttons, confirmed buttons, menus, overflow, pickers", async () => {
    await page.getByRole("button", { name: "Primary" }).click();
    await page.getByRole("button", { name: "Danger" }).click();
    await page.getByRole("button", { name: "Keep" }).click();
    await page.getByRole("button", { name: "Danger" }).click();
    await page.getByRole("button", { name: "Do it" }).click();
    const grouped = page.locator('[data-action-id="grouped"] .bk-select-search');
    await grouped.click();
    expect(await page.locator('[data-action-id="grouped"] .bk-menu-group').allInnerTexts()).toEqual([
      "Fruit",
      "Stone fruit",
    ]);
    await page.locator('[data-action-id="grouped"] .bk-menu-option[data-value="cherry"]').click();
    await page.locator('[data-action-id="user"] .bk-select-search').click();
    await page.locator('[data-action-id="user"] .bk-menu-option[data-value="U0OSCAR001"]').click();
    await page.locator('[data-action-id="overflow"] button').click();
    await page.locator('[data-action-id="overflow"] .bk-menu-option[data-value="delete"]').click();
    await page.locator('[data-action-id="date"]').fill("2026-12-01");

    await expect.poll(async () => (await actions()).length).toBe(6);
    const sent = await actions();
    expect(sent.map((a) => a.action_id)).toEqual([
      "primary",
      "danger",
      "grouped",
      "user",
      "overflow",
      "date",
    ]);
    expect(sent[0]).toMatchObject({ type: "button", block_id: "actions", value: "p", style: "primary" });
    expect(sent[2]).toMatchObject({ type: "static_select", selected_option: { value: "cherry" } });
    expect(sent[3]).toMatchObject({ type: "users_select", selected_user: "U0OSCAR001" });
    expect(sent[4]).toMatchObject({
      type: "overflow",
      block_id: "overflow_section",
      selected_option: { value: "delete" },
    });
    expect(sent[5]).toMatchObject({ type: "datepicker", selected_date: "2026-12-01" });
  });

  it("reads input blocks as view.state.values, and dispatches an input with dispatch_action", async () => {
    const surface = page.locator("#modal-surface");
    await surface.locator('[data-block-id="name"] input').fill("Sandbox");
    await surface.locator('[data-block-id="note"] textarea').fill("two\nlines");
    await surface.locator('[data-block-id="count"] input').fill("3");
    await surface.locator('[data-block-id="email"] input').fill("a@example.com");
    await surface.locator('[data-block-id="at"] input').fill("09:30");
    await surface.locator('[data-block-id="fruits"] .bk-select-search').click();
    await surface.locator('[data-block-id="fruits"] .bk-menu-option[data-value="apple"]').click();
    await surface.locator('[data-block-id="fruits"] .bk-menu-option[data-value="cherry"]').click();
    // A multi-select menu stays open for more choices, as in Slack; Escape closes it.
    await page.keyboard.press("Escape");
    const search = surface.locator('[data-block-id="searches"] .bk-select-search');
    await search.click();
    await search.fill("ban");
    await surface.locator('[data-block-id="searches"] .bk-menu-option[data-value="banana"]').click();
    await page.keyboard.press("Escape");
    await surface.locator('[data-block-id="chans"] .bk-select-search').click();
    await surface.locator('[data-block-id="chans"] .bk-menu-option').first().click();
    await page.keyboard.press("Escape");
    await surface.locator('[data-block-id="ticks"] input[value="one"]').check();
    await surface.locator('[data-block-id="pick"] input[value="banana"]').check();
    await page.locator("#read-state").click();
    const state = JSON.parse((await page.locator("#state").textContent()) ?? "{}") as Json;
    expect(state).toMatchObject({
      name: { v: { type: "plain_text_input", value: "Sandbox" } },
      note: { v: { type: "plain_text_input", value: "two\nlines" } },
      count: { v: { type: "number_input", value: "3" } },
      email: { v: { type: "email_text_input", value: "a@example.com" } },
      url: { v: { type: "url_text_input", value: null } },
      day: { v: { type: "datepicker", selected_date: "2026-11-26" } },
      at: { v: { type: "timepicker", selected_time: "09:30" } },
      when: { v: { type: "datetimepicker", selected_date_time: null } },
      fruit: { v: { type: "static_select", selected_option: { value: "banana" } } },
      fruits: {
        v: { type: "multi_static_select", selected_options: [{ value: "apple" }, { value: "cherry" }] },
      },
      search: { v: { type: "external_select", selected_option: null } },
      searches: { v: { type: "multi_external_select", selected_options: [{ value: "banana" }] } },
      people: { v: { type: "multi_users_select", selected_users: ["U0AIKO0001"] } },
      rooms: { v: { type: "multi_conversations_select", selected_conversations: [] } },
      chans: { v: { type: "multi_channels_select", selected_channels: ["C0GENERAL1"] } },
      ticks: { v: { type: "checkboxes", selected_options: [{ value: "one" }, { value: "two" }] } },
      pick: { v: { type: "radio_buttons", selected_option: { value: "banana" } } },
    });
    // Only the input with dispatch_action sent an action; the others wait for the submission.
    const sent = await actions();
    expect(sent.at(-1)).toMatchObject({
      type: "radio_buttons",
      block_id: "pick",
      selected_option: { value: "banana" },
    });
    expect(sent.filter((a) => a.block_id === "name" || a.block_id === "fruits")).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/renderer-inputs.png`, fullPage: true });
    expect(errors).toEqual([]);
  });
});
