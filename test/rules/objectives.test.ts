import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  compareObjectiveIds,
  findObjective,
  normalizeQuery,
  objectiveCatalogue,
  objectiveText,
  searchObjectives,
} from "../../src/rules/objectives.js";
import { AuditsFile, ObjectivesFile } from "../../src/rules/schema.js";

const read = (path: string) => readFileSync(new URL(path, import.meta.url), "utf8");
const rules = {
  objectives: ObjectivesFile.parse(parse(read("../../rules/objectives.yml"))),
  audits: AuditsFile.parse(parse(read("../../rules/audits.yml"))),
};

/** The repository's copy of the objective catalogue (rules/control-objectives.csv), split with quoted fields honoured. */
function csvRows(): string[][] {
  const lines = read("../../rules/control-objectives.csv").trim().split(/\r?\n/);
  return lines.slice(1).map((line) => {
    const fields: string[] = [];
    let field = "";
    let quoted = false;
    for (const ch of line) {
      if (ch === '"') quoted = !quoted;
      else if (ch === "," && !quoted) {
        fields.push(field);
        field = "";
      } else field += ch;
    }
    fields.push(field);
    return fields;
  });
}

const ids = (query: string, options?: Parameters<typeof searchObjectives>[2]) =>
  searchObjectives(rules, query, options).map((m) => m.objective.id);

describe("rules/objectives.yml", () => {
  const rows = csvRows();

  it("has exactly the CSV's 121 objective ids, in the same order", () => {
    expect(rows).toHaveLength(121);
    expect(rules.objectives.objectives.map((o) => o.id)).toEqual(rows.map((r) => r[0]));
  });

  it("copies domain, category and the cloud flag from the CSV", () => {
    const byId = new Map(rows.map((r) => [r[0], r]));
    for (const o of rules.objectives.objectives) {
      const [, domainId, domain, categoryId, category, cloud] = byId.get(o.id) ?? [];
      expect({
        domainId: o.domainId,
        domain: o.domain,
        categoryId: o.categoryId,
        category: o.category,
      }).toEqual({
        domainId,
        domain,
        categoryId,
        category,
      });
      expect(o.cloudSpecific).toBe(cloud === "yes");
      expect(o.cloudSpecific).toBe(o.id.endsWith(".P"));
    }
    expect(rules.objectives.objectives.filter((o) => o.cloudSpecific)).toHaveLength(7);
  });

  it("cites the criteria as a stated source", () => {
    expect(rules.objectives.source).toBe("criteria");
    expect(rules.objectives.confidence).toBe("stated");
  });

  it("has short labels in both languages that fit a Slack option with the id", () => {
    for (const o of rules.objectives.objectives) {
      expect(o.label.ja.length, o.id).toBeLessThanOrEqual(40);
      expect(o.label.en.length, o.id).toBeLessThanOrEqual(40);
      expect(o.label.ja, o.id).toMatch(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u);
      expect(o.label.en, o.id).toMatch(/^[A-Z]/);
      expect(objectiveText(o, "ja").length).toBeLessThanOrEqual(75);
      expect(objectiveText(o, "en").length).toBeLessThanOrEqual(75);
    }
    const labels = rules.objectives.objectives.map((o) => o.label.en);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it("rejects a duplicated id", () => {
    const first = rules.objectives.objectives[0];
    const twice = { ...rules.objectives, objectives: [first, first] };
    expect(ObjectivesFile.safeParse(twice).success).toBe(false);
  });
});

describe("rules/audits.yml against the catalogue", () => {
  it("puts only catalogue objectives in the controls subset, each in one area", () => {
    const catalogue = objectiveCatalogue(rules);
    const subset = rules.audits.controlsSubset.areas.flatMap((a) => a.objectiveIds);
    expect(subset.length).toBeGreaterThan(0);
    for (const id of subset) expect(catalogue.byId.has(id), id).toBe(true);
    expect(new Set(subset).size).toBe(subset.length);
  });

  it("maps the four appendix-1 areas as inferences from the criteria", () => {
    const areas = rules.audits.controlsSubset.areas;
    expect(areas.map((a) => a.id)).toEqual([
      "area-access",
      "area-change",
      "area-operation",
      "area-outsourcing",
    ]);
    for (const a of areas) {
      expect([a.source].flat()).toContain("criteria");
      expect(a.confidence).toBe("inferred");
      expect(a.note?.ja).toBeTruthy();
    }
    // Appendix 1: "access management (privilege management, ID management, physical security, etc.)".
    const access = areas[0]?.objectiveIds ?? [];
    expect(access.every((id) => id.startsWith("9.") || id.startsWith("11.1."))).toBe(true);
    expect(access).toEqual(
      expect.arrayContaining(["11.1.1", "11.1.2", "11.1.3", "11.1.4", "11.1.5", "11.1.6"]),
    );
    // The caveat says the sources count detailed controls while we track objectives.
    expect(areas[0]?.note?.ja).toContain("詳細管理策");
    expect(areas[0]?.note?.en).toContain("detailed controls");
    const operation = areas[2]?.objectiveIds ?? [];
    for (const id of [
      "12.6.1",
      "10.1.2",
      "8.3.2",
      "11.2.7",
      "12.4.1",
      "13.1.3",
      "17.2.1",
      "12.1.3",
      "12.3.1",
    ]) {
      expect(operation).toContain(id);
    }
    expect(areas[3]?.objectiveIds).toEqual(expect.arrayContaining(["15.1.1", "15.2.2", "14.2.7"]));
  });

  it("rejects an objective listed in two areas", () => {
    const [a, b, ...rest] = rules.audits.controlsSubset.areas;
    if (!a || !b) throw new Error("fixture");
    const broken = {
      ...rules.audits,
      controlsSubset: {
        ...rules.audits.controlsSubset,
        areas: [a, { ...b, objectiveIds: [...b.objectiveIds, "9.2.3"] }, ...rest],
      },
    };
    const result = AuditsFile.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain("9.2.3");
  });
});

describe("findObjective", () => {
  it("finds by exact id", () => {
    expect(findObjective(rules, "9.2.3")?.label.en).toBe("Privileged access rights");
  });

  it("tolerates full width, case, spaces and an Annex A prefix", () => {
    expect(findObjective(rules, "６．３．１．ｐ")?.id).toBe("6.3.1.P");
    expect(findObjective(rules, "6.3.1.p")?.id).toBe("6.3.1.P");
    expect(findObjective(rules, " A.9.2.3 ")?.id).toBe("9.2.3");
  });

  it("returns undefined for ids not in the catalogue", () => {
    expect(findObjective(rules, "9.2.7")).toBeUndefined();
    expect(findObjective(rules, "6.3.1")).toBeUndefined();
    expect(findObjective(rules, "")).toBeUndefined();
  });
});

describe("searchObjectives", () => {
  it("ranks an exact id first, then the objectives under it", () => {
    const result = searchObjectives(rules, "9.2.3");
    expect(result[0]).toMatchObject({ objective: { id: "9.2.3" }, match: "id" });
  });

  it("lists a category for an id prefix, and nothing from neighbouring categories", () => {
    expect(ids("9.2")).toEqual(["9.2.1", "9.2.2", "9.2.3", "9.2.4", "9.2.5", "9.2.6"]);
    expect(searchObjectives(rules, "9.2").every((m) => m.match === "id_prefix")).toBe(true);
    expect(ids("9.2.")).toEqual(ids("9.2"));
    expect(ids("6.3.1")).toEqual(["6.3.1.P"]);
  });

  it("treats full-width digits and dots like ASCII", () => {
    expect(ids("９．２")).toEqual(ids("9.2"));
    expect(ids("１２．４")).toEqual(["12.4.1", "12.4.2", "12.4.3", "12.4.4", "12.4.5.P"]);
  });

  it("puts whole-segment prefixes before bare character prefixes", () => {
    const result = searchObjectives(rules, "1");
    expect(result[0]?.objective.id).toBe("10.1.1");
    expect(result.every((m) => m.match === "id_start")).toBe(true);
    const twelve = ids("12");
    expect(twelve.slice(0, 16).every((id) => id.startsWith("12."))).toBe(true);
  });

  it("maps a detailed control id to its objective", () => {
    expect(searchObjectives(rules, "9.2.3.11.PB")[0]).toMatchObject({
      objective: { id: "9.2.3" },
      match: "id",
    });
    expect(ids("９.２.３.１１.ｐｂ")[0]).toBe("9.2.3");
  });

  it("matches Japanese label words, label starts before label contents", () => {
    expect(ids("特権")).toEqual(["9.2.3", "9.4.4"]);
    const logs = searchObjectives(rules, "ログ");
    expect(logs[0]).toMatchObject({ objective: { id: "12.4.2" }, match: "label_start" });
    expect(logs.map((m) => m.objective.id)).toEqual(expect.arrayContaining(["12.4.1", "12.4.3"]));
  });

  it("matches half-width katakana via NFKC", () => {
    expect(ids("ｱｸｾｽ")).toEqual(ids("アクセス"));
    expect(ids("アクセス")).toContain("9.1.1");
  });

  it("matches English labels case-insensitively, the chosen locale first", () => {
    expect(ids("PRIVILEGED", { locale: "en" })).toEqual(["9.2.3", "9.4.4"]);
    // A Japanese query still finds Japanese labels when the locale is English.
    expect(ids("ネットワーク", { locale: "en" })).toEqual([
      "9.1.2",
      "13.1.1",
      "13.1.2",
      "13.1.3",
      "13.1.4.P",
    ]);
    // "network" is in an English label of 9.1.2 and in Japanese ones; English ranks first for locale en.
    const network = searchObjectives(rules, "network", { locale: "en" });
    expect(network[0]).toMatchObject({ objective: { id: "13.1.1" }, match: "label_start" });
  });

  it("finds by category or domain name and by several words", () => {
    expect(ids("cryptography")).toEqual(expect.arrayContaining(["10.1.1", "10.1.2"]));
    expect(ids("supplier relationships")).toEqual(["15.1.1", "15.1.2", "15.1.3", "15.2.1", "15.2.2"]);
    expect(ids("backup information")).toEqual(["12.3.1"]);
    // A word that reads as an id must lead the id; the others must be in the text.
    expect(ids("9.2 review")).toEqual(["9.2.5"]);
    expect(ids("９ 特権")).toEqual(["9.2.3", "9.4.4"]);
    expect(ids("12 特権")).toEqual([]);
  });

  it("lists the catalogue for an empty query and respects the limit", () => {
    expect(ids("")).toHaveLength(100);
    expect(ids("  ", { limit: 200 })).toEqual(rules.objectives.objectives.map((o) => o.id));
    expect(ids("9", { limit: 3 })).toEqual(["9.1.1", "9.1.2", "9.2.1"]);
    expect(ids("9", { limit: 0 })).toEqual([]);
  });

  it("returns nothing for text that matches nothing", () => {
    expect(ids("zzzz")).toEqual([]);
    expect(ids("99.9")).toEqual([]);
  });

  it("keeps every result rank-ordered (property)", () => {
    const kinds = ["id", "id_prefix", "id_start", "label_start", "label", "words", "all"];
    fc.assert(
      fc.property(fc.string({ maxLength: 6 }), (query) => {
        const result = searchObjectives(rules, query);
        const ranks = result.map((m) => kinds.indexOf(m.match));
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThanOrEqual(ranks[i - 1] ?? 0);
        expect(new Set(result.map((m) => m.objective.id)).size).toBe(result.length);
      }),
    );
  });
});

describe("normalizeQuery", () => {
  it("folds width, case and spaces", () => {
    expect(normalizeQuery("　Ａｃｃｅｓｓ　 Ｃｏｎｔｒｏｌ ")).toBe("access control");
    expect(normalizeQuery("９．２．３")).toBe("9.2.3");
  });
});

describe("compareObjectiveIds", () => {
  it("restores catalogue order from any permutation (property)", () => {
    const catalogueIds = rules.objectives.objectives.map((o) => o.id);
    fc.assert(
      fc.property(fc.shuffledSubarray(catalogueIds, { minLength: catalogueIds.length }), (shuffled) => {
        expect([...shuffled].sort(compareObjectiveIds)).toEqual(catalogueIds);
      }),
      { numRuns: 50 },
    );
  });

  it("orders numerically and puts .P after the plain id", () => {
    expect(["10.1.1", "9.2.3", "9.10.1", "6.3.1.P", "6.3.1"].sort(compareObjectiveIds)).toEqual([
      "6.3.1",
      "6.3.1.P",
      "9.2.3",
      "9.10.1",
      "10.1.1",
    ]);
  });
});
