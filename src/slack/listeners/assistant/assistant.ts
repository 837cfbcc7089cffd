import {
  Assistant,
  type AssistantThreadContextChangedMiddleware,
  type AssistantThreadStartedMiddleware,
  type AssistantUserMessageMiddleware,
} from "@slack/bolt";
import { suggestedPrompts, type TeamFacts } from "../../assistant/prompts.js";
import { matchTeamIntent } from "../../assistant/team-intent.js";
import { threadOf } from "../../assistant/thread-store.js";
import { normalizeInput } from "../../contract/command-parser.js";
import { buildAnswer } from "../../flows/answers.js";
import { feedbackButtonsBlock, withFeedback } from "../../flows/feedback-buttons.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { type Requester, requester, tenantOf } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { noticeMessage, type SlackMessage } from "../../views/messages/index.js";
import { teamStateMessage } from "../../views/messages/team-state.js";
import { truncate } from "../../views/parts.js";

/** Slack cuts long thread titles; a short one reads better in the history list. */
export const THREAD_TITLE_MAX = 60;

/**
 * The Agents & AI Apps panel (Bolt's Assistant). Slack acks every event before this runs (events are acked on
 * receipt). A new thread gets a greeting and prompts that fit the team; each message a status while working, then
 * the answer: the team's own dates from the obligations timeline when the question is about them, else the FAQ
 * answer of `/ismap ask`, both with feedback buttons. The thread's context lives in the store (thread-store.ts).
 */
export function assistantPanel(services: Services): Assistant {
  const teamOf = (args: { context: unknown; body: unknown }) =>
    tenantOf(args.context as Parameters<typeof tenantOf>[0], args.body);

  return new Assistant({
    // Looked up per call: the router is also built without services, to list what it registers (manifest test).
    threadContextStore: {
      get: (args) => services.threads.contextStore(teamOf).get(args),
      save: (args) => services.threads.contextStore(teamOf).save(args),
    },
    threadStarted: assistantThreadStarted(services),
    threadContextChanged: assistantContextChanged(services),
    userMessage: assistantUserMessage(services),
  });
}

/** A new thread: its context saved, a greeting and the prompts that fit the team. */
export function assistantThreadStarted(services: Services): AssistantThreadStartedMiddleware {
  return async ({ event, client, context, body, say, setSuggestedPrompts, saveThreadContext }) => {
    let who: Requester | undefined;
    try {
      who = await requester(services, client, context, body, event.assistant_thread.user_id);
      await saveThreadContext();
      const facts = await teamFacts(services, who);
      await say({ text: who.t(facts.anchored ? "assistant.greeting" : "assistant.greetingNoProfile") });
      await setSuggestedPrompts({
        title: who.t("assistant.promptsTitle"),
        prompts: suggestedPrompts(facts, who.t),
      });
    } catch (error) {
      logFailure(services, "assistant thread started", error);
    }
  };
}

/** The person moved to another channel with the panel open: the thread's context follows. */
export function assistantContextChanged(services: Services): AssistantThreadContextChangedMiddleware {
  return async ({ saveThreadContext }) => {
    await saveThreadContext().catch((error) => logFailure(services, "assistant context", error));
  };
}

/** A question in the panel: a status, the thread's title (first question only), then the answer. */
export function assistantUserMessage(services: Services): AssistantUserMessageMiddleware {
  return async ({ message, client, context, body, say, setStatus, setTitle }) => {
    if (!("user" in message) || !message.user || "bot_id" in message) return;
    const text: unknown = (message as { text?: unknown }).text;
    const question = normalizeInput(typeof text === "string" ? text : "");
    let who: Requester | undefined;
    try {
      who = await requester(services, client, context, body, message.user);
      if (question === "") return void (await say({ text: who.t("app.askWhat") }));
      // The status is a courtesy: where Slack refuses it (a workspace without the AI apps feature, where a
      // threaded direct message still arrives here), the answer goes out all the same.
      await setStatus(who.t("assistant.status")).catch((e) => logFailure(services, "assistant status", e));
      const thread = threadOf(message);
      if (thread && (await services.threads.markTitled(who.team, thread))) {
        await setTitle(truncate(question, THREAD_TITLE_MAX)).catch((e) =>
          logFailure(services, "assistant title", e),
        );
      }
      const answer = withFeedback(
        await answerIn(services, who, question),
        feedbackButtonsBlock(
          {
            answerId: services.newId(),
            question,
            rulesVersion: services.engine.version,
            locale: who.locale,
            surface: "assistant",
          },
          who.t,
        ),
      );
      await say({ text: answer.text, blocks: answer.blocks });
    } catch (error) {
      logFailure(services, "assistant message", error);
      if (who) {
        const t = who.t;
        await say({
          text: failureText(error, t),
          blocks: noticeMessage(failureText(error, t)).blocks,
        }).catch((e) => logFailure(services, "assistant reply", e));
      }
    }
  };
}

/** The team's own dates when the question is about them, else the FAQ answer of `/ismap ask`. */
async function answerIn(services: Services, who: Requester, question: string): Promise<SlackMessage> {
  const asOf = services.clock();
  const intent = matchTeamIntent(question, asOf);
  if (!intent) return buildAnswer(services, who, "ask", question);
  const { profile } = await services.profiles.get(who.team);
  const ctx = { rules: services.engine.rules, t: who.t, asOf };
  return teamStateMessage(intent, services.engine.obligations(profile, asOf), question, ctx);
}

/** What the prompts are chosen by; a store that does not answer gives the prompts of a team without dates. */
async function teamFacts(services: Services, who: Requester): Promise<TeamFacts> {
  try {
    const { profile } = await services.profiles.get(who.team);
    const timeline = services.engine.obligations(profile, services.clock());
    return {
      anchored: timeline.anchor !== "none",
      registered: profile.registration.registeredOn !== undefined,
      eligibilityAnswered: profile.eligibility !== undefined,
    };
  } catch (error) {
    logFailure(services, "assistant prompts", error);
    return { anchored: false, registered: false, eligibilityAnswered: false };
  }
}
