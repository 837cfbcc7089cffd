/**
 * The eligibility check as a person walks it: `/ismap check` opens a loading view with the command's trigger and
 * fills it with step 1, each step is a signed view_submission answered with `response_action: "update"` (or
 * "errors"), the last step shows the verdict and saves it to the team's profile, and the App Home is republished.
 * Also what happens when Slack refuses a trigger, answers hash_conflict, or a submission carries tampered metadata.
 *
 * Long because: one questionnaire; its cases share the harness and the walk (PATHS, walk) and read best in the
 * order a person meets them.
 */
import { describe, expect, it } from "vitest";
import { slashCommand } from "../../dev/slack-requests/index.js";
import type { Verdict } from "../../src/rules/schema-eligibility.js";
import { ACTION, CALLBACK } from "../../src/slack/contract/ids.js";
import { useHarness } from "../support/harness.js";
import {
  blocksOf,
  buttonActions,
  en,
  inputIds,
  ja,
  type Modal,
  mark,
  openByCommand,
  PEOPLE,
  textOf,
  waitForPublish,
} from "../support/modals.js";
import { type Entry, initialOf } from "../support/view-state.js";

type Json = Record<string, unknown>;

const h = useHarness({ expectValidBlocks: true });

const team = () => ({ teamId: h.fake.teamId });
const metadataOf = (modal: Modal) => JSON.parse(String(modal.view.private_metadata)) as Json;

/** The answers each step gets, step by step, to reach each verdict. */
const PATHS: Record<Verdict, Record<string, Entry>[]> = {
  // The confidentiality question is asked for every service model (class 1 is decided first).
  full_ismap_required: [{ service_model: "paas" }, { confidentiality: "c2" }],
  no_listing_required: [{ service_model: "iaas" }, { confidentiality: "c1" }],
  outside_ismap: [{ service_model: "saas" }, { confidentiality: "c3" }],
  // Step 5 (the optional self-check) is submitted empty.
  liu_pending_target_list: [
    { service_model: "saas" },
    { confidentiality: "c2" },
    { target_business: "unsure" },
    {},
  ],
  liu_pending_assessment: [
    { service_model: "saas" },
    { confidentiality: "c2" },
    { target_business: "policy-work-for-publication" },
    { impact_assessment: "not_yet" },
    {},
  ],
  liu_eligible: [
    { service_model: "saas" },
    { confidentiality: "c2" },
    { target_business: "policy-work-for-publication" },
    { impact_assessment: "low" },
    { personal_data: "no", public_by_design: "yes" },
  ],
};

function answersOf(path: Record<string, Entry>[]): Record<string, string> {
  const answers: Record<string, string> = {};
  for (const step of path) {
    for (const [id, value] of Object.entries(step)) if (typeof value === "string") answers[id] = value;
  }
  return answers;
}

/** Submits every step but the last, checking each answer is an update to the next step. */
async function walk(modal: Modal, steps: Record<string, Entry>[]): Promise<void> {
  for (const answers of steps) {
    const { ack } = await modal.submit(answers);
    expect(ack?.response_action).toBe("update");
    expect(modal.callbackId).toBe(CALLBACK.eligibility);
  }
}

describe("/ismap check opens the questionnaire", () => {
  it.each([
    ["check", PEOPLE.admin, ja],
    ["判定", PEOPLE.admin, ja],
    ["check", PEOPLE.owner, en],
  ])("/ismap %s: a loading view with the command's trigger, then step 1 filled in", async (word, who, t) => {
    const { modal, open, fill, trigger } = await openByCommand(h, word, who);

    expect(open.body.trigger_id).toBe(trigger);
    const loading = open.body.view as Json;
    expect(loading.callback_id).toBe(CALLBACK.loading);
    // Before the language is known: both languages, no inputs, no submit.
    expect(textOf(loading)).toContain(`${ja("app.loading")} / ${en("app.loading")}`);
    expect(loading.submit).toBeUndefined();
    expect(inputIds(loading)).toEqual([]);

    // views.update of the opened view, with the hash views.open returned.
    const opened = (open.response as Json).view as Json;
    expect(fill.body.view_id).toBe(opened.id);
    expect(fill.body.hash).toBe(opened.hash);

    const rules = h.assistant.services.engine.rules;
    const first = rules.eligibility.questions.filter((q) => q.step === 1);
    expect(modal.callbackId).toBe(CALLBACK.eligibility);
    expect(inputIds(modal.view)).toEqual(first.map((q) => q.id));
    for (const question of first) {
      expect(modal.text).toContain(t.pick(question.text));
      for (const option of question.options) expect(modal.text).toContain(t.pick(option.label));
    }
    expect(modal.text).toContain(t("common.step", { current: 1, total: 5 }));
    expect(textOf(modal.view.title)).toBe(t("modal.title.check"));
    expect(textOf(modal.view.submit)).toBe(t("common.next"));
    expect(metadataOf(modal)).toEqual({ answers: {}, step: 1, baseRevision: 0, channelId: "C0GENERAL1" });
    expect(h.fake.viewStack(modal.id)).toEqual([modal.id]);
  });
});

describe("walking the steps reaches every verdict", () => {
  const cases = (Object.keys(PATHS) as Verdict[]).flatMap((verdict) => [
    { verdict, who: PEOPLE.admin, t: ja, lang: "ja" },
    { verdict, who: PEOPLE.owner, t: en, lang: "en" },
  ]);

  it.each(cases)("$verdict in $lang", async ({ verdict, who, t }) => {
    const path = PATHS[verdict];
    const answers = answersOf(path);
    const { modal } = await openByCommand(h, "check", who);
    await walk(modal, path.slice(0, -1));

    const since = mark(h);
    const { ack } = await modal.submit(path.at(-1));
    expect(ack?.response_action).toBe("update");
    expect(modal.callbackId).toBe(CALLBACK.result);
    expect(modal.view.submit).toBeUndefined();
    expect(inputIds(modal.view)).toEqual([]);

    // The verdict, its reasons and next steps each with a citation, and the caveats of uncertain facts.
    const result = h.assistant.services.engine.assessEligibility(answers, h.now);
    expect(result.verdict).toBe(verdict);
    const header = blocksOf(modal.view)[0] as Json;
    expect(header.type).toBe("header");
    expect(textOf(header)).toBe(t(`verdict.${verdict}`));
    const text = modal.text;
    const rules = h.assistant.services.engine.rules;
    // One screen: the deciding rule with its source, every next step, and the rest behind the details button.
    const [deciding] = result.reasons;
    if (!deciding) throw new Error("no deciding rule");
    expect(text).toContain(t.pick(deciding.text));
    const source = rules.sources.sources.find((s) => s.id === deciding.sources[0]);
    expect(text).toContain(source && t.pick(source.title).slice(0, 40));
    expect(result.nextSteps.length).toBeGreaterThan(0);
    expect(text).toContain(t("msg.verdict.nextSteps"));
    for (const item of result.nextSteps) expect(text).toContain(t.pick(item.text));
    expect(text).not.toContain(t("confidence.caveatsTitle"));
    const open = result.caveats.filter((c) => !text.includes(t.pick(c.text)));
    expect(text).toContain(
      open.length === 0 ? t("concise.caveats.none") : t("concise.caveats.summary", { count: open.length }),
    );
    expect(JSON.stringify(modal.view)).toContain(`"action_id":"${ACTION.showCaveats}"`);
    expect(text).toContain(t("common.rulesVersion", { version: rules.meta.version }));

    // Saved: answers, verdict, rules version and asOf, a new revision and its history entry.
    await waitForPublish(h, who.id, since);
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(1);
    expect(stored.updatedBy).toBe(who.id);
    expect(stored.profile.eligibility).toEqual({
      answers,
      result: { verdict, rulesVersion: rules.meta.version, asOf: h.now.toISOString() },
    });
    const [entry] = await h.assistant.services.profiles.history(team());
    expect(entry).toMatchObject({
      revision: 1,
      actor: who.id,
      summary: "eligibility",
      at: h.now.toISOString(),
    });
    expect(entry?.changes.some((c) => c.path.startsWith("eligibility"))).toBe(true);

    // The App Home shows the new verdict.
    expect(textOf(h.fake.homeView(who.id))).toContain(t(`verdict.${verdict}`));

    // Every step replaced the one before: nothing was pushed.
    expect(h.fake.viewStack(modal.id)).toEqual([modal.id]);
    expect(h.fake.callsTo("views.push")).toEqual([]);
  });

  it("outside_ismap says that it rests on an inferred rule, with the rule's own caveat", async () => {
    const { modal } = await openByCommand(h, "check", PEOPLE.owner);
    await walk(modal, [{ service_model: "saas" }]);
    await modal.submit({ confidentiality: "c3" });
    const text = modal.text;
    expect(text).toContain(en("verdict.outside_ismap"));
    expect(text).toContain(`${en("confidence.mark", { mark: en("confidence.inferred") })}`);
    // The rule's own caveat is counted on the screen and listed behind the details button.
    expect(text).toContain(en("concise.caveats.summary", { count: 1 }));
    expect(text).not.toContain("How class 3 is treated is our inference");
  });

  it("the optional self-check adds an estimate, clearly marked as one", async () => {
    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    await walk(modal, PATHS.liu_eligible.slice(0, -1));
    expect(modal.text).toContain(ja("modal.eligibility.prescreenTitle"));
    expect(textOf(modal.view.submit)).toBe(ja("modal.eligibility.submitLast"));
    await modal.submit({ personal_data: "yes" });
    expect(modal.text).toContain(ja("msg.verdict.estimateTitle"));
    expect(modal.text).toContain(ja("msg.verdict.estimate.likely_not_low"));
    expect(modal.text).toContain(ja("common.estimate"));
  });
});

describe("checking again", () => {
  it("the questionnaire opens with the saved answers chosen, based on the saved revision", async () => {
    const first = await openByCommand(h, "check", PEOPLE.admin);
    await walk(first.modal, [{ service_model: "saas" }]);
    const since = mark(h);
    await first.modal.submit({ confidentiality: "c3" });
    await waitForPublish(h, PEOPLE.admin.id, since);

    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    expect(initialOf(modal.view, "service_model")).toBe("saas");
    expect(metadataOf(modal)).toMatchObject({
      answers: { service_model: "saas", confidentiality: "c3" },
      step: 1,
      baseRevision: 1,
    });
    await modal.submit();
    expect(initialOf(modal.view, "confidentiality")).toBe("c3");
    const again = mark(h);
    await modal.submit({ confidentiality: "c1" });
    await waitForPublish(h, PEOPLE.admin.id, again);
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(2);
    expect(stored.profile.eligibility?.result?.verdict).toBe("no_listing_required");
    const history = await h.assistant.services.profiles.history(team());
    expect(history.map((e) => e.revision)).toEqual([2, 1]);
    expect(history[0]?.changes).toEqual(
      expect.arrayContaining([
        { path: "eligibility.answers.confidentiality", before: "c3", after: "c1" },
        { path: "eligibility.result.verdict", before: "outside_ismap", after: "no_listing_required" },
      ]),
    );
  });
});

describe("running the check again with the same answers", () => {
  it("creates no revision and no history entry", async () => {
    for (let run = 0; run < 3; run += 1) {
      const { modal } = await openByCommand(h, "check", PEOPLE.admin);
      if (run === 0) await walk(modal, [{ service_model: "saas" }]);
      else await modal.submit();
      const since = mark(h);
      await modal.submit({ confidentiality: "c3" });
      expect(modal.callbackId).toBe(CALLBACK.result);
      await waitForPublish(h, PEOPLE.admin.id, since);
    }
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(1);
    expect((await h.assistant.services.profiles.history(team())).map((e) => e.revision)).toEqual([1]);
  });
});

describe("answers that cannot go on", () => {
  it.each([
    [PEOPLE.admin, ja],
    [PEOPLE.owner, en],
  ])("a required question left empty gets errors on its block in the person's language", async (who, t) => {
    const rules = h.assistant.services.engine.rules;
    const question = (id: string) => {
      const found = rules.eligibility.questions.find((q) => q.id === id);
      if (!found) throw new Error(`no question ${id}`);
      return found;
    };
    const { modal } = await openByCommand(h, "check", who);

    const first = await modal.submit({});
    expect(first.ack).toEqual({
      response_action: "errors",
      errors: {
        service_model: t("errors.missingAnswer", { question: t.pick(question("service_model").text) }),
      },
    });
    expect(modal.callbackId).toBe(CALLBACK.eligibility);

    await modal.submit({ service_model: "saas" });
    const second = await modal.submit({ confidentiality: null });
    expect(second.ack?.response_action).toBe("errors");
    expect(Object.keys(second.ack?.errors ?? {})).toEqual(["confidentiality"]);
    expect(second.ack?.errors?.confidentiality).toContain(t.pick(question("confidentiality").text));
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(0);
  });

  it("an answer that is not an option of its question is refused on its block", async () => {
    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    const { ack } = await modal.submit({ service_model: "mainframe" });
    expect(ack?.response_action).toBe("errors");
    expect(Object.keys(ack?.errors ?? {})).toEqual(["service_model"]);
  });
});

describe("the Back button", () => {
  it("returns to the previous step with every answer kept, by views.update of the same view", async () => {
    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    await walk(modal, [{ service_model: "saas" }, { confidentiality: "c2" }]);
    expect(inputIds(modal.view)).toEqual(["target_business"]);

    // On step 3 the person picks "not sure", then goes back.
    const since = mark(h);
    await modal.back({ target_business: "unsure" });
    const update = h.fake.callsTo("views.update").filter((c) => h.fake.calls.indexOf(c) >= since);
    expect(update).toHaveLength(1);
    expect(update[0]?.body.hash).toBeDefined();
    expect(inputIds(modal.view)).toEqual(["confidentiality"]);
    expect(initialOf(modal.view, "confidentiality")).toBe("c2");
    expect(modal.text).toContain(ja("common.step", { current: 2, total: 5 }));
    expect(metadataOf(modal)).toMatchObject({
      step: 2,
      answers: { service_model: "saas", confidentiality: "c2", target_business: "unsure" },
    });

    // Back once more: step 1 with SaaS chosen, and no Back button there.
    await modal.back();
    expect(inputIds(modal.view)).toEqual(["service_model"]);
    expect(initialOf(modal.view, "service_model")).toBe("saas");
    expect(buttonActions(modal.view)).not.toContain(ACTION.eligibilityBack);

    // Forward again without touching anything: the later answers are still there.
    await modal.submit();
    expect(initialOf(modal.view, "confidentiality")).toBe("c2");
    await modal.submit();
    expect(initialOf(modal.view, "target_business")).toBe("unsure");
    await modal.submit();
    await modal.submit();
    expect(textOf(blocksOf(modal.view)[0])).toBe(ja("verdict.liu_pending_target_list"));
    expect(h.fake.viewStack(modal.id)).toEqual([modal.id]);
  });

  it("changing an early answer on the way back drops the answers that no longer apply", async () => {
    const { modal } = await openByCommand(h, "check", PEOPLE.owner);
    await walk(modal, [{ service_model: "saas" }, { confidentiality: "c2" }]);
    await modal.back();
    await modal.submit({ confidentiality: "c1" });
    expect(modal.callbackId).toBe(CALLBACK.result);
    expect(textOf(blocksOf(modal.view)[0])).toBe(en("verdict.no_listing_required"));
    await waitForPublish(h, PEOPLE.owner.id, 0);
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.profile.eligibility?.answers).toEqual({ service_model: "saas", confidentiality: "c1" });
  });
});

describe("a save that lands while the person answers", () => {
  it("brings the last step back with a warning and the answers, overwrites nothing; a second submit saves", async () => {
    const profiles = h.assistant.services.profiles;
    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    await walk(modal, [{ service_model: "saas" }]);

    // Meanwhile the owner runs the check to the end and saves revision 1.
    const other = await openByCommand(h, "check", PEOPLE.owner);
    await walk(other.modal, [{ service_model: "paas" }]);
    const otherSince = mark(h);
    await other.modal.submit({ confidentiality: "c2" });
    await waitForPublish(h, PEOPLE.owner.id, otherSince);
    const before = await profiles.get(team());
    expect(before.revision).toBe(1);

    const since = mark(h);
    await modal.submit({ confidentiality: "c1" });
    await modal.nextUpdate(since);
    expect(modal.callbackId).toBe(CALLBACK.eligibility);
    expect(modal.text).toContain(ja("app.staleEligibility", { revision: 1 }));
    expect(inputIds(modal.view)).toEqual(["confidentiality"]);
    expect(initialOf(modal.view, "confidentiality")).toBe("c1");
    expect(metadataOf(modal)).toMatchObject({
      answers: { service_model: "saas", confidentiality: "c1" },
      step: 2,
      baseRevision: 1,
    });
    // The owner's verdict is still the saved one.
    expect(await profiles.get(team())).toEqual(before);
    expect(h.fake.callsTo("views.publish").filter((c) => h.fake.calls.indexOf(c) >= since)).toEqual([]);

    const again = mark(h);
    await modal.submit();
    expect(modal.callbackId).toBe(CALLBACK.result);
    await waitForPublish(h, PEOPLE.admin.id, again);
    const after = await profiles.get(team());
    expect(after.revision).toBe(2);
    expect(after.profile.eligibility?.result?.verdict).toBe("no_listing_required");
    expect(after.profile.eligibility?.answers).toEqual({ service_model: "saas", confidentiality: "c1" });
    expect(h.fake.viewStack(modal.id)).toEqual([modal.id]);
  });
});

describe("when Slack gets in the way", () => {
  it("an expired trigger: the person is told privately to run the command again", async () => {
    h.fake.failNext("views.open", { error: "expired_trigger_id" });
    const { reply } = await h.command("check", PEOPLE.admin.id);
    expect(reply.body.response_type).toBe("ephemeral");
    expect(textOf(reply.body) + String(reply.body.text)).toContain(ja("app.triggerExpired"));
    expect(h.fake.callsTo("views.update")).toEqual([]);
  });

  it("a trigger older than Slack's 3 seconds gets the same answer, in English for the owner", async () => {
    const request = slashCommand(h.fake, {
      text: "check",
      user_id: PEOPLE.owner.id,
      trigger_id: h.fake.issueTriggerId({ userId: PEOPLE.owner.id, ttlMs: -1 }),
    });
    await h.send(request);
    const reply = await h.fake.waitForCall("response_url", (c) =>
      request.payload.response_url.endsWith(c.path),
    );
    expect(String(reply.body.text)).toContain(en("app.triggerExpired"));
    const open = h.fake.callsTo("views.open");
    expect(open).toHaveLength(1);
    expect((open[0]?.response as Json | undefined)?.error).toBe("expired_trigger_id");
  });

  it("hash_conflict on filling the view: retried without the hash, the modal is still filled", async () => {
    h.fake.failNext("views.update", { error: "hash_conflict" });
    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    const updates = h.fake.callsTo("views.update");
    expect(updates).toHaveLength(2);
    expect((updates[0]?.response as Json | undefined)?.error).toBe("hash_conflict");
    expect(updates[0]?.body.hash).toBeDefined();
    expect(updates[1]?.body.hash).toBeUndefined();
    expect(modal.callbackId).toBe(CALLBACK.eligibility);
    expect(inputIds(modal.view)).toEqual(["service_model"]);
  });

  it.each([
    ["not JSON", "{answers:"],
    ["an unknown key", JSON.stringify({ answers: {}, step: 1, baseRevision: 0, admin: true })],
    ["a step with no question", JSON.stringify({ answers: {}, step: 42, baseRevision: 0 })],
    ["a negative revision", JSON.stringify({ answers: {}, step: 1, baseRevision: -1 })],
    ["nothing", ""],
  ])("tampered private_metadata (%s): a clear 'start again' view, nothing saved", async (_, metadata) => {
    const { modal } = await openByCommand(h, "check", PEOPLE.admin);
    const since = mark(h);
    const { ack } = await modal.submitValues(
      {
        service_model: {
          [ACTION.eligibilityAnswer]: { type: "radio_buttons", selected_option: { value: "paas" } },
        },
      },
      { view: { ...modal.view, private_metadata: metadata } },
    );
    expect(ack?.response_action).toBe("update");
    expect(modal.callbackId).toBe(CALLBACK.result);
    expect(modal.text).toContain(ja("errors.staleView"));
    expect(textOf(modal.view.title)).toBe(ja("app.errorTitle"));
    expect((await h.assistant.services.profiles.get(team())).revision).toBe(0);
    expect(h.fake.calls.slice(since).map((c) => c.method)).not.toContain("views.publish");
  });
});

describe("a member who is not an editor", () => {
  it("sees the verdict but it is not saved to the team profile, and is told why", async () => {
    const path = PATHS.liu_eligible;
    const { modal } = await openByCommand(h, "check", PEOPLE.member);
    await walk(modal, path.slice(0, -1));
    const since = mark(h);
    await modal.submit(path.at(-1));
    const update = await h.fake.waitForCall(
      "views.update",
      (c) => c.body.view_id === modal.id && h.fake.calls.indexOf(c) >= since,
      5000,
    );
    const text = textOf(update.body.view);
    expect(text).toContain(ja("app.verdictNotSaved"));
    expect(text).toContain(ja("verdict.liu_eligible"));
    const stored = await h.assistant.services.profiles.get(team());
    expect(stored.revision).toBe(0);
    expect(stored.profile.eligibility).toBeUndefined();
  });
});
