import { describe, expect, it } from "vitest";
import { emptyProfile } from "../../src/rules/service-profile.js";

describe("emptyProfile", () => {
  it("gives every new profile its own lists, so one team's audits never leak into another's", () => {
    const first = emptyProfile();
    first.audits.internal.push({ id: "a", date: "2026-01-01", objectiveIds: ["5.1.1"] });
    first.specialMeasure.reliefsUsed.push("x");
    first.service.name = "changed";
    const second = emptyProfile();
    expect(second.audits.internal).toEqual([]);
    expect(second.specialMeasure.reliefsUsed).toEqual([]);
    expect(second.service.name).toBe("");
  });
});
