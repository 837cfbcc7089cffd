/**
 * The button that counts an answer's unconfirmed points (issue 13), through the real app over signed HTTP: from a
 * private answer it opens a modal listing each caveat once with its sources; from the verdict's modal it pushes the
 * verdict's full reasons and caveats; a tampered value gets a clear message, not an exception.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import { blockActions, slashCommand } from "../../dev/slack-requests/index.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { matchTeamIntent } from "../../src/slack/assistant/team-intent.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import { buildAnswer } from "../../src/slack/flows/answers.js";
import { homeCaveats } from "../../src/slack/views/home.js";
import { teamStateMessage } from "../../src/slack/views/messages/team-state.js";
import { expectEphemeralReply } from "../support/commands.js";
import { saveRegisteredTeam, useHarness } from "../support/harness.js";

type Json = Record<string, unknown>;
const MEMBER = { id: DEFAULT_IDS.member, name: "mei" };

const h = useHarness();

/** The value of the caveats button in blocks, if any. */
function caveatsValue(blocks: unknown): string | undefined {
  let found: string | undefined;
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === "object" && v !== null) {
      const o = v as Json;
      if (o.action_id === ACTION.showCaveats && typeof o.value === "string") found = o.value;
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(blocks);
  return found;
}

async function click(value: string, view?: Json): Promise<void> {
  const request = blockActions(h.fake, {
    user: MEMBER,
    actions: [{ action_id: ACTION.showCaveats, block_id: "caveats", type: "button", value }],
    ...(view
      ? { view }
      : { message: { channel: DEFAULT_IDS.general, ts: "1764118800.000100", isEphemeral: true } }),
  });
  const response = await h.send(request);
  expect(response.status).toBe(200);
}

/** The text of the view the app put in place of its loading modal. */
async function shownView(): Promise<string> {
  const update = await h.fake.waitForCall("views.update", () => true, 5000);
  return JSON.stringify(update.body.view);
}

describe("the caveats button", () => {
  it("opens a modal listing each unconfirmed point of /ismap status once, with its sources", async () => {
    const { reply } = await h.command("status", DEFAULT_IDS.member);
    const body = expectEphemeralReply(reply);
    const value = caveatsValue(body.blocks);
    expect(value).toBeDefined();
    expect(JSON.parse(value ?? "")).toEqual({ cmd: "status", args: "" });
    await click(value ?? "");
    const view = await shownView();
    expect(h.fake.callsTo("views.open")).toHaveLength(1);
    const t = createTranslator("ja");
    const answer = await buildAnswer(
      h.assistant.services,
      { team: { teamId: h.fake.teamId }, userId: DEFAULT_IDS.member, locale: "ja", t },
      "status",
      "",
    );
    expect(answer.caveats?.length).toBeGreaterThan(0);
    for (const c of answer.caveats ?? []) {
      const shown = JSON.stringify(t.pick(c.text)).slice(1, -1);
      expect(view.split(shown).length - 1, shown).toBe(1);
    }
    expect(view).toContain(t("concise.caveats.title"));
  });

  it("pushes the verdict's full reasons and caveats over the result modal", async () => {
    const answers = { service_model: "saas", confidentiality: "c3" };
    const value = JSON.stringify({
      cmd: "verdict",
      args: JSON.stringify({ answers, asOf: "2026-12-03T01:00:00.000Z" }),
    });
    // A modal to push onto, as the person has one open (the questionnaire's, which becomes the result modal).
    await h.send(slashCommand(h.fake, { text: "check", user_id: DEFAULT_IDS.member }));
    const opened = await h.fake.waitForCall("views.open", () => true, 5000);
    const since = h.fake.calls.length;
    await click(value, (opened.response as Json).view as Json);
    const pushed = await h.fake.waitForCall("views.push", (c) => h.fake.calls.indexOf(c) >= since, 5000);
    const pushedId = ((pushed.response as Json).view as Json).id;
    const update = await h.fake.waitForCall("views.update", (c) => c.body.view_id === pushedId, 5000);
    const view = JSON.stringify(update.body.view);
    expect(h.fake.callsTo("views.push")).toHaveLength(1);
    expect(h.fake.callsTo("views.open")).toHaveLength(1);
    const t = createTranslator("ja");
    const result = h.assistant.services.engine.assessEligibility(answers, new Date("2026-12-03T01:00:00Z"));
    for (const r of result.reasons) expect(view).toContain(t.pick(r.text));
    expect(view).toContain(t("concise.caveats.detailsTitle"));
  });

  it("lists App Home's unconfirmed points, each once, in a modal opened from the Home tab", async () => {
    await click(JSON.stringify({ cmd: "home", args: "" }), {
      id: "V0HOMEVIEW1",
      type: "home",
      callback_id: "",
      blocks: [],
    });
    const view = await shownView();
    expect(h.fake.callsTo("views.open")).toHaveLength(1);
    expect(h.fake.callsTo("views.push")).toHaveLength(0);
    const t = createTranslator("ja");
    const { profile } = await h.assistant.services.profiles.get({ teamId: h.fake.teamId });
    const caveats = homeCaveats(h.assistant.services.engine.obligations(profile, h.now));
    expect(caveats.length).toBeGreaterThan(0);
    for (const c of caveats) {
      const shown = JSON.stringify(t.pick(c.text)).slice(1, -1);
      expect(view.split(shown).length - 1, shown).toBe(1);
    }
  });

  it("lists a reminder's unconfirmed points from its obligation; a gone obligation is stale", async () => {
    const { engine } = h.assistant.services;
    const profile = await saveRegisteredTeam(h, { start: "2025-04-01", end: "2026-03-31" });
    const obligation = engine.obligations(profile, h.now).obligations.find((o) => o.caveats.length > 0);
    if (!obligation) throw new Error("no obligation with caveats");
    await click(JSON.stringify({ cmd: "obligation", args: obligation.id }));
    const view = await shownView();
    const t = createTranslator("ja");
    for (const c of obligation.caveats) expect(view).toContain(JSON.stringify(t.pick(c.text)).slice(1, -1));

    const since = h.fake.calls.length;
    await click(JSON.stringify({ cmd: "obligation", args: "report:p1999-04-01" }));
    const stale = await h.fake.waitForCall("views.update", (c) => h.fake.calls.indexOf(c) >= since, 5000);
    expect(JSON.stringify(stale.body.view)).toContain(t("errors.staleView"));
  });

  it("lists the assistant's team-state answer's points, rebuilt from its question; a question of no intent is stale", async () => {
    const { engine } = h.assistant.services;
    const profile = await saveRegisteredTeam(h, { start: "2025-04-01", end: "2026-03-31" });
    const question = "今年度中の期限は？";
    const intent = matchTeamIntent(question, h.now);
    if (!intent) throw new Error("expected a team-state intent");
    const t = createTranslator("ja");
    const answer = teamStateMessage(intent, engine.obligations(profile, h.now), question, {
      rules: engine.rules,
      t,
      asOf: h.now,
    });
    expect(answer.caveats?.length).toBeGreaterThan(0);
    await click(JSON.stringify({ cmd: "team", args: question }));
    const view = await shownView();
    for (const c of answer.caveats ?? []) {
      const shown = JSON.stringify(t.pick(c.text)).slice(1, -1);
      expect(view.split(shown).length - 1, shown).toBe(1);
    }

    const since = h.fake.calls.length;
    await click(JSON.stringify({ cmd: "team", args: "こんにちは" }));
    const stale = await h.fake.waitForCall("views.update", (c) => h.fake.calls.indexOf(c) >= since, 5000);
    expect(JSON.stringify(stale.body.view)).toContain(t("errors.staleView"));
  });

  it("answers a tampered value with a clear message in the modal", async () => {
    await click('{"cmd":"nonsense"');
    const view = await shownView();
    expect(view).toContain(createTranslator("ja")("errors.staleView"));
  });
});
