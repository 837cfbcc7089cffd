/**
 * Saving the eligibility questionnaire's answers and verdict to the team's profile. Anyone may run the check; only
 * admins, owners and editors change the team's saved verdict, and only on the revision the questionnaire started
 * from: if someone else saved meanwhile, nothing is overwritten.
 */
import type { WebClient } from "@slack/web-api";
import { jsonEqual } from "../../profile/diff.js";
import type { EligibilityResult } from "../../rules/eligibility.js";
import type { EligibilityAnswers, ServiceProfile } from "../../rules/service-profile.js";
import { canEdit, type Requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";

export interface VerdictToSave {
  answers: EligibilityAnswers;
  result: EligibilityResult;
  baseRevision: number;
  at: Date;
}

export type SavedVerdict =
  | { outcome: "saved" }
  | { outcome: "notAllowed" }
  /** Someone else saved after the questionnaire started; `revision` is the newest. */
  | { outcome: "stale"; revision: number };

export async function saveVerdict(
  services: Services,
  client: WebClient,
  who: Requester,
  verdict: VerdictToSave,
): Promise<SavedVerdict> {
  const { answers, result } = verdict;
  const { profile } = await services.profiles.get(who.team);
  if (!(await canEdit(services, client, who, profile))) return { outcome: "notAllowed" };
  const saved = await services.profiles.save(who.team, {
    baseRevision: verdict.baseRevision,
    actor: who.userId,
    at: verdict.at,
    summary: "eligibility",
    update: (profile) =>
      // The same answers giving the same verdict under the same rules change nothing: no new revision.
      sameVerdict(profile.eligibility, answers, result)
        ? profile
        : {
            ...profile,
            eligibility: {
              answers,
              result: { verdict: result.verdict, rulesVersion: result.rulesVersion, asOf: result.asOf },
            },
          },
  });
  return saved.ok ? { outcome: "saved" } : { outcome: "stale", revision: saved.current.revision };
}

/** Whether the saved answers and verdict are these (so saving them again would change nothing but the day). */
function sameVerdict(
  saved: ServiceProfile["eligibility"],
  answers: EligibilityAnswers,
  result: EligibilityResult,
): boolean {
  return (
    saved?.result !== undefined &&
    jsonEqual(saved.answers, answers) &&
    saved.result.verdict === result.verdict &&
    saved.result.rulesVersion === result.rulesVersion
  );
}
