import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isUncertain } from "../../src/rules/citations.js";
import { crossCheck } from "../../src/rules/cross-check.js";
import { SourcesFile, SpecialMeasureFile } from "../../src/rules/schema.js";
import { ServiceProfile, type ServiceProfileInput } from "../../src/rules/service-profile.js";
import { type SpecialMeasureStatus, specialMeasureStatus } from "../../src/rules/special-measure.js";

const readYaml = (file: string): unknown =>
  parse(readFileSync(new URL(`../../rules/${file}`, import.meta.url), "utf8"));
const rawMeasure = readYaml("special-measure.yml");
const specialMeasure = SpecialMeasureFile.parse(rawMeasure);
const rules = { specialMeasure };

const DEADLINE = "2025-04-01T00:00:00+09:00";
const EXTERNAL = "relief.external-audit-design";
const INTERNAL = "relief.internal-audit-report";

const profile = (specialMeasureInput: ServiceProfileInput["specialMeasure"] = {}) =>
  ServiceProfile.parse({ schemaVersion: 1, specialMeasure: specialMeasureInput });
const ids = (items: readonly { ruleId: string }[]): string[] => items.map((i) => i.ruleId);
const reliefStatus = (s: SpecialMeasureStatus) =>
  Object.fromEntries(s.team.reliefs.map((r) => [r.id, r.status]));

function expectCaveatsCoverUncertain(s: SpecialMeasureStatus): void {
  const caveatIds = new Set(ids(s.caveats));
  for (const item of [...s.facts, ...s.benefits, ...s.team.reliefs]) {
    if (isUncertain(item.confidence)) expect(caveatIds).toContain(item.ruleId);
  }
  for (const caveat of s.caveats) expect(isUncertain(caveat.confidence)).toBe(true);
}

describe("rules/special-measure.yml", () => {
  it("passes the cross-file checks together with the sources", () => {
    const sources = SourcesFile.parse(readYaml("sources.yml"));
    expect(crossCheck({ specialMeasure, sources }, { specialMeasure: rawMeasure, sources })).toEqual([]);
  });

  it("carries the fact sheet's dates and marks", () => {
    expect(specialMeasure.inForceFrom).toMatchObject({
      at: "2023-05-19T00:00:00+09:00",
      source: ["kpmg-2023", "xreg-torikumi"],
      confidence: "stated",
    });
    expect(specialMeasure.deadline).toMatchObject({ at: DEADLINE, source: "seed", confidence: "seed" });
    expect(specialMeasure.acceptanceClosed).toMatchObject({ source: "seed", confidence: "seed" });
    // The Digital Agency page: 「本特別措置の運用期間の令和7年(2025年)3月末まで」 (review of 2026-12-03, headline 1).
    expect(specialMeasure.periodEnd).toMatchObject({ at: DEADLINE, confidence: "seed" });
    expect(specialMeasure.periodEnd.source).toContain("seed");
    // What stays unknown: the reliefs after the period, and the list.
    expect(specialMeasure.afterPeriod.reliefs.confidence).toBe("tbc");
    expect(specialMeasure.afterPeriod.list.confidence).toBe("tbc");
  });

  it("says the benefits can be granted (免除を受けられる), not that they are", () => {
    for (const b of specialMeasure.benefits.filter((x) => x.text.ja.includes("免除"))) {
      expect(b.text.ja).toContain("免除を受けられます");
      expect(b.text.en).toContain("can be exempted");
    }
  });

  it("lists the three benefits (seed) and the two once-only reliefs", () => {
    expect(specialMeasure.benefits).toHaveLength(3);
    for (const b of specialMeasure.benefits) expect([b.source, b.confidence]).toEqual(["seed", "seed"]);
    expect(specialMeasure.reliefs.map((r) => [r.id, r.source, r.confidence, r.once])).toEqual([
      [EXTERNAL, "xreg-measure", "stated", true],
      [INTERNAL, "xreg-measure", "tbc", true],
    ]);
    expect(specialMeasure.steps.length).toBeGreaterThan(0);
    for (const s of specialMeasure.steps) expect(s.confidence).toBe("stated");
  });
});

describe("acceptance", () => {
  it("is not yet in force before 2023-05-19 00:00 JST", () => {
    const s = specialMeasureStatus(rules, profile(), new Date("2023-05-18T23:59:59+09:00"));
    expect(s.acceptance).toBe("not_yet_in_force");
    expect(s.daysLeft).toBeUndefined();
    expect(s.closedSince).toBeUndefined();
  });

  it("accepts from 2023-05-19 00:00 JST (= 2023-05-18 15:00 UTC)", () => {
    const s = specialMeasureStatus(rules, profile(), new Date("2023-05-18T15:00:00Z"));
    expect(s.acceptance).toBe("accepting");
    expect(s.inForceFrom).toBe("2023-05-19T00:00:00+09:00");
  });

  it("still accepts at 2025-03-31 23:59:59 JST, with one day (today) left", () => {
    const s = specialMeasureStatus(rules, profile(), new Date("2025-03-31T23:59:59+09:00"));
    expect(s.acceptance).toBe("accepting");
    expect(s.daysLeft).toBe(1);
    expect(s.closedSince).toBeUndefined();
    expect(s.deadline).toBe(DEADLINE);
  });

  it("counts the days left in JST calendar days", () => {
    const at = (iso: string) => specialMeasureStatus(rules, profile(), new Date(iso)).daysLeft;
    expect(at("2025-03-01T00:00:00+09:00")).toBe(31);
    expect(at("2025-03-01T23:59:59+09:00")).toBe(31);
    expect(at("2025-02-28T15:00:00Z")).toBe(31); // 2025-03-01 00:00 JST
    expect(at("2025-02-28T14:59:59Z")).toBe(32); // still 2025-02-28 in JST
  });

  it("is closed at 2025-03-31 15:00 UTC (= 2025-04-01 00:00 JST)", () => {
    const s = specialMeasureStatus(rules, profile(), new Date("2025-03-31T15:00:00Z"));
    expect(s.acceptance).toBe("closed");
    expect(s.closedSince).toBe(DEADLINE);
    expect(s.daysLeft).toBeUndefined();
  });

  it("stays closed since 2025-04-01 00:00 JST for any later date", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2025-03-31T15:00:00Z"),
          max: new Date("2040-01-01T00:00:00Z"),
          noInvalidDate: true,
        }),
        (asOf) => {
          const s = specialMeasureStatus(rules, profile({ listed: true }), asOf);
          expect(s.acceptance).toBe("closed");
          expect(s.closedSince).toBe(DEADLINE);
          expect(ids(s.facts)).toContain("sm.acceptance-closed");
        },
      ),
    );
  });

  it("quotes the closing fact only once closed, and the steps to the list only while accepting", () => {
    const open = specialMeasureStatus(rules, profile(), new Date("2024-06-01T12:00:00+09:00"));
    const closed = specialMeasureStatus(rules, profile(), new Date("2025-04-01T00:00:00+09:00"));
    expect(ids(open.facts)).not.toContain("sm.acceptance-closed");
    expect(ids(open.facts)).toEqual(expect.arrayContaining(specialMeasure.steps.map((s) => s.id)));
    expect(ids(closed.facts)).toContain("sm.acceptance-closed");
    expect(ids(closed.facts).some((id) => id.startsWith("sm.step."))).toBe(false);
    for (const s of [open, closed]) {
      expect(ids(s.facts).slice(0, 2)).toEqual(["sm.in-force", "sm.deadline"]);
      expect(ids(s.facts)).toContain("sm.period-end");
    }
  });

  it("always lists the benefits", () => {
    const s = specialMeasureStatus(rules, profile(), new Date("2026-01-01T00:00:00+09:00"));
    expect(ids(s.benefits)).toEqual(specialMeasure.benefits.map((b) => b.id));
  });
});

describe("the team's reliefs", () => {
  const LATER = new Date("2026-01-15T12:00:00+09:00");
  const BEFORE_END = new Date("2025-03-31T23:59:59+09:00");

  it("are not applicable to a team that is not listed", () => {
    expect(reliefStatus(specialMeasureStatus(rules, profile(), LATER))).toEqual({
      [EXTERNAL]: "not_applicable",
      [INTERNAL]: "not_applicable",
    });
  });

  it("are available to a listed team during the operating period", () => {
    const s = specialMeasureStatus(rules, profile({ listed: true, listedOn: "2024-02-01" }), BEFORE_END);
    expect(reliefStatus(s)).toEqual({ [EXTERNAL]: "available", [INTERNAL]: "available" });
    expect(ids(s.caveats)).not.toContain("sm.after-period.reliefs");
    expect(s.team).toMatchObject({ listed: true, listedOn: "2024-02-01" });
  });

  it("are unknown for a listed team after the period, saying that this is unconfirmed, as is the list", () => {
    const s = specialMeasureStatus(rules, profile({ listed: true, listedOn: "2024-02-01" }), LATER);
    expect(reliefStatus(s)).toEqual({ [EXTERNAL]: "unknown", [INTERNAL]: "unknown" });
    expect(ids(s.facts)).toEqual(
      expect.arrayContaining(["sm.period-end", "sm.after-period.list", "sm.after-period.reliefs"]),
    );
    for (const id of ["sm.after-period.reliefs", "sm.after-period.list"]) {
      expect(s.caveats.find((c) => c.ruleId === id)?.confidence).toBe("tbc");
    }
    expect(ids(s.caveats)).not.toContain("sm.period-end");
  });

  it("are used once the profile says so, and unknown ids are ignored", () => {
    const s = specialMeasureStatus(
      rules,
      profile({ listed: true, reliefsUsed: [EXTERNAL, "relief.no-such-thing"] }),
      LATER,
    );
    expect(reliefStatus(s)).toEqual({ [EXTERNAL]: "used", [INTERNAL]: "unknown" });
    expect(s.team.reliefs).toHaveLength(specialMeasure.reliefs.length);
  });

  it("are not yet available before the day the team was listed", () => {
    const p = profile({ listed: true, listedOn: "2024-02-01" });
    expect(
      reliefStatus(specialMeasureStatus(rules, p, new Date("2024-01-31T23:59:59+09:00")))[EXTERNAL],
    ).toBe("not_applicable");
    expect(reliefStatus(specialMeasureStatus(rules, p, new Date("2024-01-31T15:00:00Z")))[EXTERNAL]).toBe(
      "available",
    );
  });

  it("turn unknown at the period's end (2025-04-01 00:00 JST), but a used relief stays used", () => {
    const p = profile({ listed: true, reliefsUsed: [INTERNAL] });
    const before = specialMeasureStatus(rules, p, BEFORE_END);
    const after = specialMeasureStatus(rules, p, new Date("2025-03-31T15:00:00Z"));
    expect(reliefStatus(before)).toEqual({ [EXTERNAL]: "available", [INTERNAL]: "used" });
    expect(reliefStatus(after)).toEqual({ [EXTERNAL]: "unknown", [INTERNAL]: "used" });
  });

  it("stay available with the end's caveat when an operator sets the end back to unknown", () => {
    const open = structuredClone(specialMeasure);
    open.periodEnd = { ...open.periodEnd, at: null, confidence: "tbc" };
    const s = specialMeasureStatus({ specialMeasure: open }, profile({ listed: true }), LATER);
    expect(reliefStatus(s)).toEqual({ [EXTERNAL]: "available", [INTERNAL]: "available" });
    expect(s.caveats.find((c) => c.ruleId === "sm.period-end")?.confidence).toBe("tbc");
    expect(ids(s.facts)).not.toContain("sm.after-period.reliefs");
  });

  it("are not applicable before the measure is in force", () => {
    const s = specialMeasureStatus(rules, profile({ listed: true }), new Date("2023-05-01T00:00:00+09:00"));
    expect(reliefStatus(s)).toEqual({ [EXTERNAL]: "not_applicable", [INTERNAL]: "not_applicable" });
  });

  it("carry their text and citation, and the tbc internal audit relief is a caveat", () => {
    const s = specialMeasureStatus(rules, profile({ listed: true }), BEFORE_END);
    const internal = s.team.reliefs.find((r) => r.id === INTERNAL);
    expect(internal).toMatchObject({ ruleId: INTERNAL, confidence: "tbc", sources: ["xreg-measure"] });
    expect(internal?.text).toEqual(specialMeasure.reliefs[1]?.text);
    const caveat = s.caveats.find((c) => c.ruleId === INTERNAL);
    expect(caveat?.text).toEqual(specialMeasure.reliefs[1]?.note);
    expect(ids(s.caveats)).not.toContain(EXTERNAL);
  });
});

describe("the team's pre-application", () => {
  const LATER = new Date("2026-01-15T12:00:00+09:00");
  const submitted = (day: string) =>
    specialMeasureStatus(rules, profile({ preApplicationSubmittedOn: day }), LATER).team;

  it("counts 2025-03-31 (JST) as before the deadline and 2025-04-01 as after", () => {
    expect(submitted("2025-03-31")).toMatchObject({
      preApplicationSubmittedOn: "2025-03-31",
      submittedBeforeDeadline: true,
    });
    expect(submitted("2025-04-01").submittedBeforeDeadline).toBe(false);
  });

  it("a stored pre-application after the deadline makes no relief usable, even for a listed team", () => {
    const BEFORE_END = new Date("2025-03-31T23:59:59+09:00");
    // The form refuses such a date; an older stored profile may still hold one (issue 10).
    const late = profile({ listed: true, listedOn: "2024-02-01", preApplicationSubmittedOn: "2025-04-01" });
    expect(reliefStatus(specialMeasureStatus(rules, late, LATER))).toEqual({
      [EXTERNAL]: "not_applicable",
      [INTERNAL]: "not_applicable",
    });
    const inTime = profile({ listed: true, listedOn: "2024-02-01", preApplicationSubmittedOn: "2024-01-10" });
    expect(reliefStatus(specialMeasureStatus(rules, inTime, BEFORE_END))).toEqual({
      [EXTERNAL]: "available",
      [INTERNAL]: "available",
    });
  });

  it("says nothing without a date", () => {
    const team = specialMeasureStatus(rules, profile(), LATER).team;
    expect(team).not.toHaveProperty("submittedBeforeDeadline");
    expect(team).not.toHaveProperty("preApplicationSubmittedOn");
    expect(team).not.toHaveProperty("listedOn");
    expect(team.listed).toBe(false);
  });
});

describe("properties", () => {
  const asOf = fc.date({
    min: new Date("2022-01-01T00:00:00Z"),
    max: new Date("2030-12-31T00:00:00Z"),
    noInvalidDate: true,
  });
  const input = fc.record({
    listed: fc.boolean(),
    reliefsUsed: fc.subarray([EXTERNAL, INTERNAL, "relief.unknown"]),
  });

  it("acceptance follows the two instants, and the caveats cover every uncertain fact used", () => {
    fc.assert(
      fc.property(asOf, input, (at, sm) => {
        const p = profile(sm);
        const before = JSON.stringify(p);
        const s = specialMeasureStatus(rules, p, at);
        expect(JSON.stringify(p)).toBe(before);
        const t = at.getTime();
        const expected =
          t < Date.parse("2023-05-19T00:00:00+09:00")
            ? "not_yet_in_force"
            : t < Date.parse(DEADLINE)
              ? "accepting"
              : "closed";
        expect(s.acceptance).toBe(expected);
        expect(s.daysLeft !== undefined).toBe(expected === "accepting");
        if (s.daysLeft !== undefined) expect(s.daysLeft).toBeGreaterThanOrEqual(1);
        for (const r of s.team.reliefs) {
          if (sm.reliefsUsed.includes(r.id)) expect(r.status).toBe("used");
          else
            expect(r.status).toBe(
              !sm.listed || expected === "not_yet_in_force"
                ? "not_applicable"
                : expected === "accepting"
                  ? "available"
                  : "unknown",
            );
        }
        expectCaveatsCoverUncertain(s);
      }),
    );
  });
});
