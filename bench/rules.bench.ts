/**
 * Time per call of the rules module on this machine. Targets (issue #2): obligations (was requiredAudits) < 1 ms on a profile with
 * 10 years of monthly audits, planInternalAudits < 10 ms, answerQuestion < 1 ms. Each figure is also printed as a
 * ratio to a baseline measured in the same run (a structuredClone of the same profile), so runs on a busy machine
 * can be compared.
 */
import { Bench } from "tinybench";
import { addMonths } from "../src/lib/time.js";
import { createRulesEngine } from "../src/rules/engine.js";
import { loadRules } from "../src/rules/load.js";
import { emptyProfile, type ServiceProfile } from "../src/rules/service-profile.js";

const engine = createRulesEngine(loadRules(process.env.RULES_DIR ?? "rules"));
const ids = engine.rules.objectives.objectives.map((o) => o.id);
const asOf = new Date("2026-11-26T10:00:00+09:00");

/** 10 years of monthly internal audits (a rotating third of the objectives each) and yearly external audits. */
function tenYearProfile(): ServiceProfile {
  const profile = emptyProfile();
  profile.registration = { status: "registered", registeredOn: "2016-12-01" };
  for (let m = 0; m < 120; m++) {
    const date = addMonths("2016-12-01", m);
    profile.audits.internal.push({ id: `i${m}`, date, objectiveIds: ids.filter((_, k) => k % 3 === m % 3) });
    if (m % 12 === 0) {
      for (const part of ["governance", "management", "controls"] as const) {
        profile.audits.external.push({
          id: `e${m}${part}`,
          part,
          date,
          objectiveIds: part === "controls" ? ids.slice(0, 40) : [],
        });
      }
    }
  }
  return profile;
}

const profile = tenYearProfile();
const answers = { service_model: "saas", confidentiality: "c2", target_business: "none" };
const validAnswers = (() => {
  const q = engine.questionsFor({ service_model: "saas", confidentiality: "c2" });
  const business = q
    .find((x) => x.id === "target_business")
    ?.options.find((o) => o.value !== "none" && o.value !== "unsure")?.value;
  if (!business) throw new Error("rules/eligibility.yml lists no target business");
  return {
    service_model: "saas",
    confidentiality: "c2",
    target_business: business,
    impact_assessment: "low",
  };
})();

const bench = new Bench({ time: 1000, warmup: true });
bench
  .add("baseline: structuredClone(profile)", () => {
    structuredClone(profile);
  })
  .add("assessEligibility (LIU path)", () => {
    engine.assessEligibility(validAnswers, asOf);
  })
  .add("assessEligibility (full ISMAP path)", () => {
    engine.assessEligibility(answers, asOf);
  })
  .add("obligations (10 years of monthly audits)", () => {
    engine.obligations(profile, asOf);
  })
  .add("planInternalAudits (3 years x 4 periods)", () => {
    engine.planInternalAudits(profile, asOf);
  })
  .add("answerQuestion ja", () => {
    engine.answerQuestion("内部監査は何年でひと回りすればいいですか", "ja", asOf);
  })
  .add("answerQuestion en", () => {
    engine.answerQuestion("how long is the registration valid", "en", asOf);
  });

await bench.run();
for (const task of bench.tasks) {
  const error = (task.result as { error?: unknown } | undefined)?.error;
  if (error) throw new Error(`${task.name} failed: ${String(error)}`);
}

const TARGETS_MS: Record<string, number> = {
  "obligations (10 years of monthly audits)": 1,
  "planInternalAudits (3 years x 4 periods)": 10,
  "answerQuestion ja": 1,
  "answerQuestion en": 1,
};
const meanMs = (name: string) => {
  const r = bench.tasks.find((t) => t.name === name)?.result as
    | { latency?: { mean?: number; p99?: number } }
    | undefined;
  return { mean: r?.latency?.mean ?? Number.NaN, p99: r?.latency?.p99 ?? Number.NaN };
};
const baseline = meanMs("baseline: structuredClone(profile)").mean;
const rows = bench.tasks.map((task) => {
  const { mean, p99 } = meanMs(task.name);
  const target = TARGETS_MS[task.name];
  return {
    task: task.name,
    "mean ms": mean.toFixed(4),
    "p99 ms": p99.toFixed(4),
    "x baseline": (mean / baseline).toFixed(2),
    target: target ? `< ${target} ms` : "",
    met: target ? (mean < target ? "yes" : "NO") : "",
  };
});
console.table(rows);
