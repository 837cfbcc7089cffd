/**
 * The loading modal a button shows at once, against the Slack emulator: opened or pushed on the trigger, and when
 * it cannot be, the expired trigger told in the app's DM in the person's language and any other failure logged.
 */
import { WebClient } from "@slack/web-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SlackEmulator, startSlackEmulator } from "../../../dev/slack-emulator/index.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { openLoadingModal } from "../../../src/slack/flows/loading-modal.js";
import { CONTEXT, type World, world } from "../listeners/fakes.js";

let fake: SlackEmulator;
let client: WebClient;
let owner: string;
let w: World;
beforeAll(async () => {
  fake = await startSlackEmulator({ teamId: CONTEXT.teamId });
  client = new WebClient(fake.botToken, { slackApiUrl: fake.url });
  owner = fake.users().find((u) => u.locale === "en-US" && u.isOwner)?.id ?? "";
});
afterAll(async () => {
  await fake.close();
});
beforeEach(() => {
  w = world();
});
afterEach(async () => {
  fake.clearFaults();
  await w.close();
});

function request(triggerId: string, push = false) {
  return { client, triggerId, userId: owner, context: CONTEXT, body: {}, push, label: "caveats" };
}

describe("openLoadingModal", () => {
  it("opens the loading modal on the trigger and gives its view id", async () => {
    const opened = await openLoadingModal(w.services, request(fake.issueTriggerId({ userId: owner })));
    expect(opened?.viewId).toMatch(/^V/);
    expect(fake.viewStack(opened?.viewId ?? "")).toEqual([opened?.viewId]);
    expect(fake.callsTo("views.push")).toHaveLength(0);
  });

  it("pushes it onto the modal the button is in", async () => {
    const root = await openLoadingModal(w.services, request(fake.issueTriggerId({ userId: owner })));
    const rootId = root?.viewId ?? "";
    const trigger = fake.issueTriggerId({ userId: owner, viewId: rootId });
    const pushed = await openLoadingModal(w.services, request(trigger, true));
    expect(fake.viewStack(rootId)).toEqual([rootId, pushed?.viewId]);
  });

  it("tells an expired trigger in the app's DM, in the person's language, and opens nothing", async () => {
    fake.failNext("views.open", { error: "expired_trigger_id" });
    const since = fake.calls.length;
    expect(
      await openLoadingModal(w.services, request(fake.issueTriggerId({ userId: owner }))),
    ).toBeUndefined();
    const posts = fake.calls.slice(since).filter((c) => c.method === "chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]?.body.channel).toBe(owner);
    expect(String(posts[0]?.body.text)).toBe(createTranslator("en")("app.triggerExpired"));
    expect(w.errors).toEqual([]);
  });

  it("logs any other failure under its label and posts nothing", async () => {
    fake.failNext("views.open", { error: "invalid_arguments" });
    const since = fake.calls.length;
    expect(
      await openLoadingModal(w.services, request(fake.issueTriggerId({ userId: owner }))),
    ).toBeUndefined();
    expect(fake.calls.slice(since).map((c) => c.method)).not.toContain("chat.postMessage");
    expect(w.errors.join("\n")).toContain("caveats: views.open");
  });
});
