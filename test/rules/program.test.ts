import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseInstant } from "../../src/lib/time.js";
import { isInForce, isUncertain } from "../../src/rules/citations.js";
import { crossCheck } from "../../src/rules/cross-check.js";
import { FaqFile, ProgramFile, SourcesFile } from "../../src/rules/schema.js";
import type { Citation } from "../../src/rules/schema-base.js";

const read = (file: string) => parse(readFileSync(new URL(`../../rules/${file}`, import.meta.url), "utf8"));
const program = ProgramFile.parse(read("program.yml"));
const sourceIds = new Set(SourcesFile.parse(read("sources.yml")).sources.map((s) => s.id));

const stepsAt = (iso: string) =>
  program.registrationSteps.filter((step) => isInForce(step, parseInstant(iso))).map((step) => step.id);
const fact = (id: string) => program.facts.find((f) => f.id === id);

const cited: [string, Citation][] = [
  ...program.facts.map((f): [string, Citation] => [f.id, f]),
  ...program.registrationSteps.map((s): [string, Citation] => [s.id, s]),
  [program.auditPeriod.id, program.auditPeriod],
  [program.reportDue.id, program.reportDue],
  [program.validity.id, program.validity],
];

describe("program.yml", () => {
  it("validates against the schema", () => {
    expect(ProgramFile.safeParse(read("program.yml")).success).toBe(true);
  });

  it("passes the cross-file checks together with faq.yml and sources.yml", () => {
    const raw = { sources: read("sources.yml"), program: read("program.yml"), faq: read("faq.yml") };
    const rules = {
      sources: SourcesFile.parse(raw.sources),
      program: ProgramFile.parse(raw.program),
      faq: FaqFile.parse(raw.faq),
    };
    expect(crossCheck(rules, raw)).toEqual([]);
  });

  it("uses unique ids and cites only known sources", () => {
    const ids = cited.map(([id]) => id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [id, citation] of cited) {
      for (const source of [citation.source].flat()) expect(sourceIds, `${id}: ${source}`).toContain(source);
    }
  });

  it("dates every change in JST", () => {
    for (const [id, citation] of cited) {
      for (const at of [citation.validFrom, citation.validTo]) {
        if (at) expect(at, id).toMatch(/\+09:00$/);
      }
    }
  });

  it("explains every conflicting fact in a note", () => {
    for (const [id, citation] of cited.filter(([, c]) => c.confidence === "conflicting")) {
      expect(citation.note, id).toBeDefined();
    }
  });

  it("describes ISMAP-LIU as SaaS for low-risk use, started on 2022-11-01", () => {
    expect(fact("program.liu-definition")?.text.en).toMatch(/SaaS/);
    expect(fact("program.liu-definition")?.confidence).toBe("seed");
    expect(fact("program.liu-started")?.validFrom).toBe("2022-11-01T00:00:00+09:00");
    expect(fact("program.operators")?.text.ja).toContain("IPA");
    expect(fact("program.class1-no-listing")?.source).toBe("common-standards");
  });

  it("lists the registration steps from GBizID to registration", () => {
    const ids = program.registrationSteps.map((s) => s.id);
    expect(ids[0]).toBe("program.gbizid");
    expect(ids.at(-1)).toBe("program.registration");
    const order = [
      "program.gbizid",
      "program.ipa-consultation",
      "program.statement",
      "program.internal-audit",
      "program.external-audit",
    ];
    const more = ["program.main-application", "program.review", "program.registration"];
    expect([...order, ...more].map((id) => ids.indexOf(id))).toEqual(
      [...order, ...more].map((id) => ids.indexOf(id)).sort((a, b) => a - b),
    );
  });

  it("keeps the pre-application step after April 2025, beside the reported change (both paths shown)", () => {
    for (const at of [
      "2025-03-31T23:59:59+09:00",
      "2025-04-01T00:00:00+09:00",
      "2026-12-03T10:00:00+09:00",
    ]) {
      const steps = stepsAt(at);
      expect(steps).toContain("program.pre-application");
      expect(steps).toContain("program.procurement-time-check");
      expect(steps.indexOf("program.pre-application")).toBeLessThan(
        steps.indexOf("program.procurement-time-check"),
      );
      expect(steps).toContain("program.statement");
      expect(steps).toContain("program.registration");
    }
    const pre = program.registrationSteps.find((s) => s.id === "program.pre-application");
    expect(pre?.detail.ja).toContain("第3章");
  });

  it("flags the April 2025 change as conflicting, cites one source for it, and does not date it", () => {
    const step = program.registrationSteps.find((s) => s.id === "program.procurement-time-check");
    const abolished = fact("program.preapplication-abolished");
    for (const item of [step, abolished]) {
      expect(item?.confidence).toBe("conflicting");
      expect(item?.source).toBe("x-regulation");
      expect(item?.validFrom).toBeUndefined();
      expect(item?.validTo).toBeUndefined();
    }
  });

  it("names the National Cybersecurity Office (formerly NISC) among the operators", () => {
    const operators = fact("program.operators");
    expect(operators?.text.ja).toContain("国家サイバー統括室");
    expect(operators?.text.en).toContain("National Cybersecurity Office");
    expect(operators?.text.en).toContain("NISC");
  });

  it("says the LIU statement covers all three parts of the criteria, as for ISMAP", () => {
    const statement = program.registrationSteps.find((s) => s.id === "program.statement");
    expect(statement?.detail.ja).toContain("ガバナンス基準・マネジメント基準・管理策基準のすべて");
    expect([statement?.source].flat()).toContain("xreg-liu-audit");
  });

  it("has an audit period of 3 to 12 months, stated by the criteria", () => {
    expect(program.auditPeriod.minMonths).toBe(3);
    expect(program.auditPeriod.maxMonths).toBe(12);
    expect(program.auditPeriod.source).toBe("criteria");
    expect(program.auditPeriod.confidence).toBe("stated");
  });

  it("has the audit report due 3 months after the period", () => {
    expect(program.reportDue.monthsAfterPeriod).toBe(3);
    expect(program.reportDue.confidence).toBe("stated");
  });

  it("keeps a registration valid 16 months, flagged as unconfirmed for ISMAP-LIU", () => {
    expect(program.validity.monthsAfterDayAfterPeriod).toBe(16);
    expect(isUncertain(program.validity.confidence)).toBe(true);
    expect(program.validity.note?.en).toMatch(/ISMAP-LIU/);
    expect(fact("program.validity-ismap")?.confidence).toBe("stated");
    expect(fact("program.validity-liu")?.confidence).toBe("tbc");
  });
});
