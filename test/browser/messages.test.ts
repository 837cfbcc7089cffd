/**
 * Messages as Slack shows them: a command's answer only to the person who asked, shared into the channel for
 * everyone; a mention answered in a thread; Slack's own notes for a command it does not know and for a mention of
 * an app that is not in the channel; the app's Messages tab; a refusal to share where the app is not a member.
 */
import { expect, it } from "vitest";
import { SANDBOX_IDS } from "../../dev/sandbox/workspace.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { describeWithChromium, expectText, shownText, useBrowserSandbox } from "../support/browser.js";

const en = createTranslator("en");

describeWithChromium("messages in the browser", () => {
  const env = useBrowserSandbox({ clock: "2026-11-26T10:00:00+09:00" });

  it("shows an answer only to the asker until it is shared, then to everyone", async () => {
    const oscar = await env.open(SANDBOX_IDS.owner, SANDBOX_IDS.general);
    await oscar.type("/ismap about");
    const answer = await oscar.waitForMessage(en("msg.share.button"));
    expect(await answer.getAttribute("class")).toContain("ephemeral");
    await expectText(answer, en("sandbox.onlyVisibleToYou"));
    await oscar.shot("messages-1-ephemeral");

    const sam = await env.open(SANDBOX_IDS.memberEn, SANDBOX_IDS.general);
    await expectText(sam.page.locator("#message-list"), en("sandbox.emptyChannel"));

    await answer.getByRole("button", { name: en("msg.share.button") }).click();
    const shared = sam.page.locator("#message-list article.msg-bot:not(.ephemeral)").last();
    await expectText(shared, en("app.sharedBy", { user: "@Oscar Owens" }));
    await sam.shot("messages-2-shared-seen-by-another");
    expect([...oscar.errors, ...sam.errors]).toEqual([]);
  });

  it("answers a mention in a thread, and says when the app is not in the channel", async () => {
    const sam = await env.open(SANDBOX_IDS.memberEn, SANDBOX_IDS.general);
    await sam.type("@ismap-liu What is ISMAP-LIU?");
    const thread = sam.page.locator("#message-list article.msg-user .thread article.msg-bot");
    await thread.first().waitFor({ timeout: 15_000 });
    expect(await shownText(sam.page.locator("#message-list article.msg-user .bk-mention").first())).toBe(
      "@ismap-liu",
    );
    await sam.shot("messages-3-mention-thread");

    await sam.page.locator("[data-channel=random]").click();
    await sam.type("@ismap-liu hello?");
    await expectText(
      sam.page.locator("#message-list article.msg-slackbot"),
      en("sandbox.mentionNotDelivered", { bot: "ismap-liu" }),
    );
    await sam.type("/remind me later");
    await expectText(
      sam.page.locator("#message-list article.msg-slackbot").last(),
      en("sandbox.unknownCommand", { command: "/remind" }),
    );
    await sam.shot("messages-4-slackbot-notes");

    // Sharing where the app is not a member: Slack refuses chat.postMessage, the app says to invite it.
    await sam.type("/ismap help");
    const help = await sam.waitForMessage("/ismap help");
    await help.getByRole("button", { name: en("msg.share.button") }).click();
    // The reply is mrkdwn: its `/invite …` is drawn as code, so compare its first sentence.
    await sam.waitForMessage(en("app.inviteBot", { bot: "@ismap-liu" }).split(",")[0] as string);
    await sam.shot("messages-5-invite-the-app");
    expect(sam.errors).toEqual([]);
  });

  it("shows a surface Slack would refuse as a loud invalid_blocks error", async () => {
    const p = await env.open(SANDBOX_IDS.admin, SANDBOX_IDS.general);
    // What a buggy app would send: an empty section text and a header over 150 characters.
    const { emulator } = env.sandbox;
    const answer = await fetch(`${emulator.url}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${emulator.botToken}` },
      body: JSON.stringify({
        channel: SANDBOX_IDS.general,
        text: "broken",
        blocks: [
          { type: "section", text: { type: "mrkdwn", text: "" } },
          { type: "header", text: { type: "plain_text", text: "x".repeat(151) } },
        ],
      }),
    });
    expect(((await answer.json()) as { error?: string }).error).toBe("invalid_blocks");
    const banner = p.page.locator("#problems.loud");
    await expectText(banner, "invalid_blocks");
    await expectText(banner, "chat.postMessage");
    expect(await shownText(banner.locator("pre").last())).toMatch(/json-pointer:\/blocks\/1\/text/);
    await p.shot("messages-7-invalid-blocks");
    await banner.getByRole("button").click();
    expect(await p.page.locator("#problems").isHidden()).toBe(true);
    expect(p.errors).toEqual([]);
  });

  it("answers a direct message in the app's Messages tab", async () => {
    const oscar = await env.open(SANDBOX_IDS.owner);
    await oscar.page.locator("#open-app").click();
    await oscar.page.locator("#tab-messages").click();
    await oscar.type("What is the special measure?");
    await oscar.page.locator("#message-list article.msg-bot").first().waitFor({ timeout: 15_000 });
    await oscar.shot("messages-6-direct-message");
    expect(oscar.errors).toEqual([]);
  });
});
