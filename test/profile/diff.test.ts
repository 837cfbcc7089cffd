import { describe, expect, it } from "vitest";
import { diffValues, jsonEqual } from "../../src/profile/diff.js";

describe("diffValues", () => {
  it("finds nothing between equal values, whatever their key order", () => {
    expect(diffValues({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toEqual([]);
    expect(jsonEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
  });

  it("reports changed, added and removed leaves by dotted path", () => {
    expect(
      diffValues(
        {
          service: { name: "Old", url: "" },
          registration: { status: "preparing", registeredOn: "2024-01-01" },
        },
        { service: { name: "New", url: "" }, registration: { status: "registered" }, extra: true },
      ),
    ).toEqual([
      { path: "extra", after: true },
      { path: "registration.registeredOn", before: "2024-01-01" },
      { path: "registration.status", before: "preparing", after: "registered" },
      { path: "service.name", before: "Old", after: "New" },
    ]);
  });

  it("treats arrays of plain values as one value", () => {
    expect(diffValues({ editors: ["U1"] }, { editors: ["U1", "U2"] })).toEqual([
      { path: "editors", before: ["U1"], after: ["U1", "U2"] },
    ]);
  });

  it("matches arrays of items with ids by id: added, removed and changed audits", () => {
    const a1 = { id: "A1", date: "2024-05-01", objectiveIds: ["5.1.1"] };
    const a2 = { id: "A2", date: "2024-06-01", objectiveIds: [] };
    const a3 = { id: "A3", date: "2025-01-10", objectiveIds: [] };
    expect(
      diffValues(
        { audits: { external: [a1, a2] } },
        { audits: { external: [a3, { ...a1, date: "2024-05-02" }] } },
      ),
    ).toEqual([
      { path: "audits.external[id=A3]", after: a3 },
      { path: "audits.external[id=A1].date", before: "2024-05-01", after: "2024-05-02" },
      { path: "audits.external[id=A2]", before: a2 },
    ]);
    // Reordering alone is no change worth recording.
    expect(diffValues([a1, a2], [a2, a1])).toEqual([]);
  });

  it("names the root path '' when whole values differ", () => {
    expect(diffValues(1, 2)).toEqual([{ path: "", before: 1, after: 2 }]);
  });
});
