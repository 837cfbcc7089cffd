/**
 * How a reliability test counts its cases. Every case ends as one of:
 * - handled: answered as specified;
 * - other: answered, but not as specified (a wrong status, an unclear or invalid reply, a listener that ran);
 * - crashed: the app process died, a connection was reset, a 5xx, or an unhandled exception or rejection;
 * - lost: a confirmed write (or due reminder) missing afterwards, or a request never answered;
 * - known: a documented limitation (listed under the summary table with its reason; it does not fail the run).
 * The counts travel to the summary reporter in the test's `meta`; the test fails unless every case is handled or
 * known.
 */
import { expect, it, type TestContext } from "vitest";

export type Outcome = "handled" | "other" | "crashed" | "lost" | "known";

export interface TallyCounts {
  category: string;
  tried: number;
  handled: number;
  other: number;
  crashed: number;
  lost: number;
  known: number;
  /** What went wrong, one line per case (at most 30 kept), and the known limitations met. */
  problems: string[];
  notes: string[];
}

declare module "vitest" {
  interface TaskMeta {
    reliability?: TallyCounts[];
  }
}

const MAX_PROBLEMS = 30;

/** The counts of a category before any case is tried. */
export function emptyCounts(category: string): TallyCounts {
  return { category, tried: 0, handled: 0, other: 0, crashed: 0, lost: 0, known: 0, problems: [], notes: [] };
}

export class Tally {
  readonly counts: TallyCounts;

  constructor(category: string) {
    this.counts = emptyCounts(category);
  }

  record(name: string, outcome: Outcome, detail?: string): void {
    const c = this.counts;
    c.tried++;
    c[outcome]++;
    if (outcome === "known") {
      const note = `${name}: ${detail ?? ""}`;
      if (!c.notes.includes(note)) c.notes.push(note);
    } else if (outcome !== "handled" && c.problems.length < MAX_PROBLEMS) {
      c.problems.push(`[${outcome}] ${name}${detail ? `: ${detail}` : ""}`);
    }
  }

  /** Runs one case; an exception thrown by `check` counts as `other` (or what the error says it is). */
  async run(name: string, check: () => Promise<Outcome | [Outcome, string]>): Promise<Outcome> {
    try {
      const result = await check();
      const [outcome, detail] = Array.isArray(result) ? result : [result, undefined];
      this.record(name, outcome, detail);
      return outcome;
    } catch (error) {
      const outcome = error instanceof CaseError ? error.outcome : "other";
      this.record(name, outcome, error instanceof Error ? error.message.slice(0, 300) : String(error));
      return outcome;
    }
  }

  /** Fails the test unless every case was handled (or is a known limitation). */
  expectClean(): void {
    const { other, crashed, lost, problems } = this.counts;
    expect({ other, crashed, lost, problems }).toEqual({ other: 0, crashed: 0, lost: 0, problems: [] });
  }
}

/** Thrown from a case's check to end it with a given outcome. */
export class CaseError extends Error {
  constructor(
    readonly outcome: Outcome,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Unhandled exceptions and rejections while a case runs: counted as crashes of the app (it runs in this process).
 * Returns a function that stops listening and says how many there were.
 */
export function watchForCrashes(): () => string[] {
  const seen: string[] = [];
  const onError = (error: unknown) => {
    seen.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  };
  process.on("uncaughtException", onError);
  process.on("unhandledRejection", onError);
  return () => {
    process.off("uncaughtException", onError);
    process.off("unhandledRejection", onError);
    return seen;
  };
}

/**
 * A reliability test: `body` fills a Tally of `category`; the counts go to the summary, then the test fails unless
 * every case was handled. Unhandled errors meanwhile are recorded as crashes.
 */
export function reliabilityIt(
  category: string,
  name: string,
  body: (tally: Tally, context: TestContext) => Promise<void>,
  timeoutMs?: number,
): void {
  it(
    name,
    async (context) => {
      const tally = new Tally(category);
      const stop = watchForCrashes();
      try {
        await body(tally, context);
      } finally {
        for (const crash of stop()) tally.record("unhandled error in the app's process", "crashed", crash);
        context.task.meta.reliability = [...(context.task.meta.reliability ?? []), tally.counts];
      }
      tally.expectClean();
    },
    timeoutMs,
  );
}
