/**
 * The Workflow Builder steps end to end over signed HTTP (function_executed with a workflow token): each run is
 * acked, then finished with functions.completeSuccess (outputs as manifest.yml declares them) or
 * functions.completeError (a message in the team's language naming what was wrong), in Japanese and English.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import { functionExecuted } from "../../dev/surface-requests.js";
import { createTranslator } from "../../src/i18n/translator.js";
import { STEP } from "../../src/slack/contract/ids.js";
import { obligationLine } from "../../src/slack/views/messages/timeline.js";
import { type Harness, saveRegisteredTeam, useHarness } from "../support/harness.js";

type Json = Record<string, unknown>;
const manifest = parse(readFileSync("manifest.yml", "utf8"));
const outputNames = (id: string): string[] =>
  Object.keys(manifest.functions[id].output_parameters.properties).sort();

async function speakEnglish(h: Harness): Promise<void> {
  await h.assistant.services.reminders.save(
    { teamId: h.fake.teamId },
    (current) => ({ ...current, locale: "en" }),
    {
      at: h.now,
    },
  );
}

describe("Workflow Builder steps", () => {
  const h = useHarness({ now: "2026-11-26T10:00:00+09:00" });

  /** Runs a step and waits until the app finished it; the result as the fake recorded it. */
  async function run(callbackId: string, inputs: Json) {
    const execution = h.fake.issueFunctionExecution(callbackId);
    const response = await h.send(functionExecuted(h.fake, execution, inputs));
    expect(response.status).toBe(200);
    await expect.poll(() => h.fake.functionExecution(execution.id)?.result, { timeout: 5000 }).toBeDefined();
    const finishing = h.fake.calls.filter((c) => c.method.startsWith("functions.complete"));
    // Finished once, with the run's own workflow token.
    expect(finishing).toHaveLength(1);
    expect(finishing[0]?.token).toBe(execution.token);
    return h.fake.functionExecution(execution.id)?.result as
      | { ok: true; outputs: Json }
      | { ok: false; error: string };
  }

  describe("ISMAP: what is due", () => {
    it("completes with the count and the list of the timeline's obligations due within the days, in Japanese", async () => {
      await saveRegisteredTeam(h);
      const result = await run(STEP.whatIsDue, { days_ahead: 120 });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(Object.keys(result.outputs).sort()).toEqual(outputNames(STEP.whatIsDue));
      const { profile } = await h.assistant.services.profiles.get({ teamId: h.fake.teamId });
      const due = h.assistant.services.engine
        .obligations(profile, h.now)
        .obligations.filter((o) => o.status !== "done" && o.dueOn !== undefined && o.dueOn <= "2027-03-26");
      expect(due.length).toBeGreaterThan(0);
      expect(result.outputs.count).toBe(due.length);
      const t = createTranslator("ja");
      const list = String(result.outputs.list);
      expect(list.split("\n")[0]).toBe(`今後120日以内に期限を迎えるISMAP-LIUの対応（${due.length}件）:`);
      for (const o of due) expect(list).toContain(obligationLine(o, t));
    });

    it("completes in English for an English-speaking team, saying when nothing is due", async () => {
      await speakEnglish(h);
      const result = await run(STEP.whatIsDue, { days_ahead: "7" });
      expect(result).toMatchObject({ ok: true, outputs: { count: 0 } });
      if (result.ok) expect(String(result.outputs.list)).toContain("Nothing is due in the next 7 days.");
    });

    it("fails with a message naming the input when days ahead is not a whole number in range (ja and en)", async () => {
      const ja = await run(STEP.whatIsDue, { days_ahead: "abc" });
      expect(ja).toEqual({
        ok: false,
        error: createTranslator("ja")("steps.errors.daysAhead", { max: 1095, value: "abc" }),
      });
      expect(ja.ok ? "" : ja.error).toContain("「何日先まで」");
      h.fake.reset();
      await speakEnglish(h);
      const en = await run(STEP.whatIsDue, { days_ahead: 5000 });
      expect(en.ok ? "" : en.error).toContain(
        '"Days ahead" must be a whole number from 1 to 1095 (it was 5000)',
      );
    });
  });

  describe("ISMAP: record an audit", () => {
    const internal = {
      audit_type: "internal",
      audit_date: "2026-11-20",
      objective_ids: "5.1.1, 5.1.2",
      recorded_by: DEFAULT_IDS.admin,
    };

    it("records the audit through the profile and completes with the new coverage in the team's language (ja)", async () => {
      // Recorded by an English reader: the step's outputs are in the team's language, their App Home in theirs.
      const result = await run(STEP.recordAudit, { ...internal, recorded_by: DEFAULT_IDS.owner });
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(Object.keys(result.outputs).sort()).toEqual(outputNames(STEP.recordAudit));
      const { profile, revision } = await h.assistant.services.profiles.get({ teamId: h.fake.teamId });
      expect(revision).toBe(1);
      expect(profile.audits.internal).toHaveLength(1);
      expect(profile.audits.internal[0]).toMatchObject({
        date: "2026-11-20",
        objectiveIds: ["5.1.1", "5.1.2"],
      });
      expect(result.outputs.covered).toBe(2);
      expect(result.outputs.total).toBe(h.assistant.services.engine.rules.objectives.objectives.length);
      expect(String(result.outputs.coverage)).toContain(`統制目標 2/${result.outputs.total}`);
      const home = await h.fake.waitForCall(
        "views.publish",
        (c) => c.body.user_id === DEFAULT_IDS.owner,
        5000,
      );
      expect(JSON.stringify(home.body.view)).toContain(`*${createTranslator("en")("home.serviceTitle")}*`);
    });

    it("records in English for an English-speaking team, with 'all' objectives", async () => {
      await speakEnglish(h);
      const result = await run(STEP.recordAudit, {
        ...internal,
        objective_ids: "all",
        recorded_by: DEFAULT_IDS.owner,
      });
      expect(result.ok).toBe(true);
      if (result.ok) expect(String(result.outputs.coverage)).toMatch(/objectives/i);
      // The recorder's App Home is refreshed, in their own language.
      const home = await h.fake.waitForCall(
        "views.publish",
        (c) => c.body.user_id === DEFAULT_IDS.owner,
        5000,
      );
      expect(JSON.stringify(home.body.view)).toContain(createTranslator("en")("home.serviceTitle"));
    });

    it("fails without saving anything for a future date, an unknown objective or a missing type (ja)", async () => {
      const future = await run(STEP.recordAudit, { ...internal, audit_date: "2026-12-24" });
      expect(future.ok).toBe(false);
      expect(future.ok ? "" : future.error).toContain("監査は記録されませんでした");
      h.fake.reset();
      const unknown = await run(STEP.recordAudit, { ...internal, objective_ids: "5.1.1, 99.9.9" });
      expect(unknown.ok ? "" : unknown.error).toContain("99.9.9");
      h.fake.reset();
      const untyped = await run(STEP.recordAudit, { ...internal, audit_type: undefined });
      expect(untyped.ok ? "" : untyped.error).toContain(createTranslator("ja")("modal.record.fields.type"));
      const { revision } = await h.assistant.services.profiles.get({ teamId: h.fake.teamId });
      expect(revision).toBe(0);
    });

    it("refuses a person who may not edit the profile, in English", async () => {
      await speakEnglish(h);
      const result = await run(STEP.recordAudit, { ...internal, recorded_by: DEFAULT_IDS.member });
      expect(result.ok).toBe(false);
      expect(result.ok ? "" : result.error).toContain("may not record audits for this team");
      expect((await h.assistant.services.profiles.get({ teamId: h.fake.teamId })).revision).toBe(0);
    });

    it("asks for the person when 'Recorded by' is missing", async () => {
      const result = await run(STEP.recordAudit, { ...internal, recorded_by: undefined });
      expect(result).toEqual({ ok: false, error: createTranslator("ja")("steps.errors.user") });
    });
  });
});
