/**
 * The read-only answers of `/ismap` (help, about, audits, …, ask, profile show): built by buildAnswer, then kept in
 * the answer cache (runtime/answer-cache.ts) so the same question, team and language is answered in the ack.
 */
import type { ParsedCommand } from "../contract/command-parser.js";
import type { ShareCommand } from "../contract/ids.js";
import { type Requester, tenantOf } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import { type SlackMessage, withShareButton } from "../views/messages/index.js";
import { buildAnswer } from "./answers.js";
import { withFeedbackButtons } from "./feedback-buttons.js";

export interface CommandQuestion {
  cmd: ShareCommand;
  args: string;
}

/** The read-only answer a command asks for (the ones built by buildAnswer and cached), if it asks for one. */
export function answerQuestionOf(parsed: ParsedCommand): CommandQuestion | undefined {
  if (parsed.kind !== "subcommand") return undefined;
  switch (parsed.name) {
    case "help":
    case "about":
    case "audits":
    case "special":
    case "plan":
    case "status":
      return { cmd: parsed.name, args: "" };
    case "ask":
      return parsed.args === "" ? undefined : { cmd: "ask", args: parsed.args };
    case "profile":
      return parsed.action === "show" ? { cmd: "profile_show", args: "" } : undefined;
    default:
      return undefined;
  }
}

/** The answer cache's key of a question. */
export function cacheKey(question: CommandQuestion): string {
  return `${question.cmd}\u0000${question.args}`;
}

/** The answer cached for this question, team and person's language; never throws. */
export function readyAnswer(
  services: Services,
  parsed: ParsedCommand,
  context: Parameters<typeof tenantOf>[0],
  body: unknown,
  userId: string,
): SlackMessage | undefined {
  const question = answerQuestionOf(parsed);
  if (!question) return undefined;
  try {
    const team = tenantOf(context, body);
    const locale = services.answers.locale(team, userId);
    return locale && services.answers.answer(team, locale, cacheKey(question));
  } catch {
    return undefined;
  }
}

/**
 * Builds the answer (with a share button, and feedback buttons for `ask`), hands it to `reply`, then caches it
 * as of `asOf` against the cache's snapshot taken before building, so a change made meanwhile is not masked.
 */
export async function answerCommandQuestion(
  services: Services,
  who: Requester,
  question: CommandQuestion,
  asOf: Date,
  reply: (message: SlackMessage) => Promise<void>,
): Promise<void> {
  const snapshot = services.answers.snapshot(who.team);
  let message = withShareButton(
    await buildAnswer(services, who, question.cmd, question.args),
    question,
    who.t,
  );
  if (question.cmd === "ask") {
    const ref = {
      answerId: services.newId(),
      question: question.args,
      rulesVersion: services.engine.version,
      locale: who.locale,
      surface: "command" as const,
    };
    message = withFeedbackButtons(message, ref, who.t);
  }
  await reply(message);
  services.answers.rememberAnswer(snapshot, who.locale, cacheKey(question), message, asOf);
}
