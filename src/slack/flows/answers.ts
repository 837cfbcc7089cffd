import type { EligibilityResult } from "../../rules/eligibility.js";
import type { ServiceProfile } from "../../rules/service-profile.js";
import type { ShareCommand } from "../contract/ids.js";
import type { Requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import {
  aboutMessage,
  askMessage,
  auditsMessage,
  helpMessage,
  planMessage,
  profileMessage,
  type SlackMessage,
  specialMessage,
  statusMessage,
} from "../views/messages/index.js";

/**
 * The verdict for the saved answers, assessed under the rules loaded now as of the day they were checked (so the
 * answer says when it was checked); undefined when the team has not answered or its answers no longer fit the
 * questionnaire (the rules changed).
 */
export function currentVerdict(
  services: Services,
  profile: ServiceProfile,
  asOf: Date,
): EligibilityResult | undefined {
  const saved = profile.eligibility;
  if (!saved) return undefined;
  const checkedAt = saved.result ? new Date(saved.result.asOf) : asOf;
  try {
    return services.engine.assessEligibility(
      saved.answers,
      Number.isNaN(checkedAt.getTime()) ? asOf : checkedAt,
    );
  } catch {
    return undefined;
  }
}

/**
 * Builds the answer to a read-only subcommand. The share button calls this again with the same command, so a
 * shared answer is computed fresh, never copied from a possibly stale ephemeral message.
 */
export async function buildAnswer(
  services: Services,
  who: Requester,
  cmd: ShareCommand,
  args: string,
): Promise<SlackMessage> {
  const asOf = services.clock();
  const ctx = { rules: services.engine.rules, t: who.t, asOf };
  switch (cmd) {
    case "help":
      return helpMessage(ctx, {});
    case "about":
      return aboutMessage(ctx);
    case "ask":
      return askMessage(services.engine.answerQuestion(args, who.locale, asOf), args, ctx);
    default:
      break;
  }
  const stored = await services.profiles.get(who.team);
  const { profile, revision } = stored;
  switch (cmd) {
    case "audits":
      return auditsMessage(services.engine.obligations(profile, asOf), ctx, profile);
    case "special":
      return specialMessage(services.engine.specialMeasureStatus(profile, asOf), ctx);
    case "plan":
      return planMessage(services.engine.planInternalAudits(profile, asOf), ctx);
    case "profile_show":
      return profileMessage({ profile, revision, timeline: services.engine.obligations(profile, asOf) }, ctx);
    case "status":
      return statusMessage(
        {
          profile,
          revision,
          eligibility: currentVerdict(services, profile, asOf),
          timeline: services.engine.obligations(profile, asOf),
        },
        ctx,
      );
  }
}
