/**
 * The eligibility questionnaire as a modal, one step at a time (the listener answers each submission with
 * `response_action: "update"`, so the view stack never grows), and the verdict as a modal without inputs.
 */
import type { KnownBlock, ModalView, PlainTextOption, Option as SlackOption } from "@slack/types";
import type { CitedText } from "../../../rules/citations.js";
import type { EligibilityResult } from "../../../rules/eligibility.js";
import type { Question } from "../../../rules/schema-eligibility.js";
import type { EligibilityAnswers } from "../../../rules/service-profile.js";
import { ACTION, CALLBACK } from "../../contract/ids.js";
import type { ViewContext } from "../../contract/modal-context.js";
import {
  CHANNEL_ID,
  type EligibilityMetadata,
  encodeMetadata,
  ModalMetadataError,
} from "../../contract/modal-metadata.js";
import {
  firstStep,
  keepApplicable,
  previousStep,
  stepProgress,
  stepQuestions,
} from "../../forms/eligibility.js";
import { verdictBlocks } from "../messages/verdict.js";
import {
  citation,
  confidenceMark,
  context,
  escapeMrkdwn,
  footer,
  header,
  section,
  sections,
  sourceLinks,
  truncate,
} from "../parts.js";
import { MAX_MODAL_BLOCKS, OPTION_TEXT_MAX, plainText, viewLabel } from "./text.js";

export interface EligibilityStepState {
  /** Answers so far; answers to later steps are kept (and shown again) when the person went back. */
  answers: EligibilityAnswers;
  /** The rules step to show; defaults to the first step. */
  step?: number;
  /** The channel the check was started from. */
  channelId?: string;
  /** The profile revision the check started on; defaults to 0. */
  baseRevision?: number;
}

/** Radio buttons hold at most 10 options; longer lists become a static select. */
const RADIO_MAX = 10;
/** The longest answer value the metadata keeps (option values are at most 150 characters in Slack). */
const ANSWER_MAX = 150;

/**
 * One step of the questionnaire: "step n/N", the questions of the step that apply (required or optional, help as
 * the hint, the answers so far preselected), the pre-screen's estimate notice on an optional self-check step, a
 * Back button after the first step, and "Next" or, on the last step, "Get verdict".
 * Throws ModalMetadataError when the step has no question that applies to the answers.
 */
export function eligibilityStepModal(state: EligibilityStepState, ctx: ViewContext): ModalView {
  const { rules, t } = ctx;
  // Stored answers may predate a rules change: keep only answers to questions that apply, as strings that fit.
  const answers = metadataAnswers(keepApplicable(rules, state.answers));
  const step = state.step ?? firstStep(rules);
  const questions = stepQuestions(rules, answers, step);
  if (questions.length === 0) {
    throw new ModalMetadataError(
      CALLBACK.eligibility,
      "invalid",
      `step ${step} has no question that applies`,
    );
  }
  const progress = stepProgress(rules, answers, step);

  const blocks: KnownBlock[] = [
    context(t("common.step", { current: progress.current, total: progress.total })),
  ];
  if (progress.current === 1) blocks.push(section(t("modal.eligibility.intro")));

  if (questions.some((q) => !q.required)) {
    const disclaimer = rules.eligibility.prescreenDisclaimer;
    blocks.push(
      section(
        `:information_source: *${t("modal.eligibility.prescreenTitle")}*\n${t("modal.eligibility.prescreenNote")}`,
      ),
      context(`${confidenceMark(disclaimer.confidence, t)} ${escapeMrkdwn(t.pick(disclaimer.text))}`),
    );
  }

  for (const question of questions) blocks.push(questionBlock(question, answers[question.id], ctx));

  const back = previousStep(rules, answers, step);
  if (back !== null) {
    blocks.push({
      type: "actions",
      block_id: "eligibility_nav",
      elements: [
        {
          type: "button",
          action_id: ACTION.eligibilityBack,
          text: plainText(t("common.back")),
          value: String(back),
        },
      ],
    });
  }

  const metadata: EligibilityMetadata = {
    answers,
    step,
    baseRevision: state.baseRevision ?? 0,
  };
  // Only used to share the verdict: an id Slack would never send is left out rather than failing the modal.
  if (state.channelId !== undefined && CHANNEL_ID.test(state.channelId)) metadata.channelId = state.channelId;

  return {
    type: "modal",
    callback_id: CALLBACK.eligibility,
    title: viewLabel(t("modal.title.check")),
    submit: viewLabel(progress.isLast ? t("modal.eligibility.submitLast") : t("common.next")),
    close: viewLabel(t("common.cancel")),
    private_metadata: encodeMetadata(CALLBACK.eligibility, metadata),
    blocks,
  };
}

function questionBlock(question: Question, answer: string | undefined, ctx: ViewContext): KnownBlock {
  const { t } = ctx;
  const options: PlainTextOption[] = question.options.map((o) => {
    const option: PlainTextOption = {
      text: plainText(truncate(t.pick(o.label), OPTION_TEXT_MAX)),
      value: o.value,
    };
    if (o.help) option.description = plainText(truncate(t.pick(o.help), OPTION_TEXT_MAX));
    return option;
  });
  const initial = answer === undefined ? undefined : options.find((o) => o.value === answer);
  const element =
    options.length <= RADIO_MAX
      ? {
          type: "radio_buttons" as const,
          action_id: ACTION.eligibilityAnswer,
          options: options as SlackOption[],
          ...(initial ? { initial_option: initial } : {}),
        }
      : {
          type: "static_select" as const,
          action_id: ACTION.eligibilityAnswer,
          placeholder: plainText(t("modal.selectPlaceholder")),
          options,
          ...(initial ? { initial_option: initial } : {}),
        };
  return {
    type: "input",
    block_id: question.id,
    label: plainText(truncate(t.pick(question.text), 2000)),
    ...(question.help ? { hint: plainText(truncate(t.pick(question.help), 2000)) } : {}),
    optional: !question.required,
    element,
  };
}

/** Answers as the metadata holds them: single non-empty strings of at most 150 characters. */
function metadataAnswers(answers: EligibilityAnswers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, value] of Object.entries(answers)) {
    if (typeof value === "string" && value !== "" && value.length <= ANSWER_MAX) out[id] = value;
  }
  return out;
}

/**
 * The verdict on one screen: the verdict as the header, that it is an estimate, then the same blocks as the
 * verdict message (verdictBlocks: deciding rule, next steps, estimate, one line counting the unconfirmed points
 * with a button to the full reasons, sources and caveats) and the footer. No inputs, a Close button only.
 */
export function eligibilityResultModal(
  result: EligibilityResult,
  ctx: ViewContext,
  answers: EligibilityAnswers,
): ModalView {
  const { t, rules } = ctx;
  const blocks: KnownBlock[] = [
    header(t(`verdict.${result.verdict}`)),
    context(t("common.estimate")),
    ...verdictBlocks(result, { rules, t, asOf: new Date(result.asOf) }, answers).blocks,
    footer(rules, new Date(result.asOf), t),
  ];
  return {
    type: "modal",
    callback_id: CALLBACK.result,
    title: viewLabel(ctx.t("modal.title.result")),
    close: viewLabel(ctx.t("common.close")),
    blocks: blocks.slice(0, MAX_MODAL_BLOCKS),
  };
}

/** Each statement as a section with its citation below; in compact form, the citation inline in the section. */
function _citedItems(items: readonly CitedText[], ctx: ViewContext, compact: boolean): KnownBlock[] {
  const { rules, t } = ctx;
  if (compact) {
    const lines = items.map(
      (item) =>
        `• ${escapeMrkdwn(t.pick(item.text))} _(${sourceLinks(item.sources, rules, t)} ${confidenceMark(item.confidence, t)})_`,
    );
    return sections(lines.join("\n"));
  }
  return items.flatMap((item) => [section(`• ${escapeMrkdwn(t.pick(item.text))}`), citation(item, rules, t)]);
}
