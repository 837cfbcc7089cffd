/**
 * Checks a message, modal or Home tab against Slack's published Block Kit limits (src/slack/blockkit/limits.ts) and reports every
 * problem with a dotted path such as `blocks.3.text.text`, so a test or the sandbox can say exactly what Slack
 * would reject with `invalid_blocks`.
 *
 * This file checks the surfaces (message, modal, Home); blocks.ts, elements.ts, composition.ts and primitives.ts
 * check what they hold, collecting into problems.ts's run.
 */
import { LIMITS, type SurfaceType } from "../../src/slack/blockkit/limits.js";
import { checkBlocks } from "./blocks.js";
import { checkString, checkText } from "./primitives.js";
import { type BlockKitProblem, type Context, isObject, type Json, report } from "./problems.js";

export type { BlockKitProblem, BlockKitRule } from "./problems.js";

interface SurfaceHead {
  type: SurfaceType;
}

/**
 * What can be validated: a message (`{ type: "message", text, blocks }`) or a view (`modal` or `home`) as sent to
 * Slack. Typed views (e.g. @slack/types `ModalView`) and plain object literals are both accepted.
 */
export type Surface = SurfaceHead | (SurfaceHead & Record<string, unknown>);

// ---------------------------------------------------------------- surfaces

function checkMessage(ctx: Context, surface: Json): void {
  checkString(ctx, surface, "text", "", "message text", { max: LIMITS.messageText });
  if (surface.text === undefined && surface.blocks === undefined && surface.attachments === undefined) {
    report(ctx, "text", "required", "a message needs text or blocks");
  }
  checkBlocks(ctx, surface, false);
}

function checkViewFields(ctx: Context, surface: Json): void {
  const limits = LIMITS.view;
  checkString(ctx, surface, "callback_id", "", "callback_id", { max: limits.callbackId });
  checkString(ctx, surface, "private_metadata", "", "private_metadata", { max: limits.privateMetadata });
  checkString(ctx, surface, "external_id", "", "external_id", { max: limits.externalId });
}

function checkModal(ctx: Context, surface: Json): void {
  const limits = LIMITS.view;
  checkText(ctx, surface, "title", "", "modal title", {
    max: limits.titleText,
    plainOnly: true,
    required: true,
  });
  checkText(ctx, surface, "submit", "", "modal submit", { max: limits.submitText, plainOnly: true });
  checkText(ctx, surface, "close", "", "modal close", { max: limits.closeText, plainOnly: true });
  checkViewFields(ctx, surface);
  const blocks = checkBlocks(ctx, surface, true);
  // "submit is required when an input block is within the blocks array" (modal view reference).
  const hasInput = blocks.some((block) => isObject(block) && block.type === "input");
  if (hasInput && surface.submit === undefined) {
    report(ctx, "submit", "submit_required", "a modal with input blocks needs a submit button");
  }
}

function checkHome(ctx: Context, surface: Json): void {
  checkViewFields(ctx, surface);
  checkBlocks(ctx, surface, true);
}

/** "Only one element can be set to true" for focus_on_load, per view or message. */
function checkFocusOnLoad(ctx: Context): void {
  for (const path of ctx.focusOnLoad.slice(1)) {
    report(ctx, path, "focus_on_load_multiple", "only one element per surface may set focus_on_load");
  }
}

const SURFACE_CHECKS: Record<SurfaceType, (ctx: Context, surface: Json) => void> = {
  message: checkMessage,
  modal: checkModal,
  home: checkHome,
};

/** Every problem Slack's published limits find in `surface`; an empty array means it is valid. */
export function validateSurface(surface: Surface): BlockKitProblem[] {
  const raw: unknown = surface;
  if (!isObject(raw)) return [{ path: "", rule: "type", message: "a surface must be an object" }];
  const type = raw.type;
  if (type !== "message" && type !== "modal" && type !== "home") {
    return [
      { path: "type", rule: "one_of", message: `surface type must be message, modal or home, not ${type}` },
    ];
  }
  const ctx: Context = { surface: type, problems: [], blockIds: new Map(), focusOnLoad: [] };
  SURFACE_CHECKS[type](ctx, raw);
  checkFocusOnLoad(ctx);
  return ctx.problems;
}

/** One line per problem: `blocks.3.text.text: header text is 151 characters; … (max_length)`. */
export function formatProblems(problems: readonly BlockKitProblem[]): string {
  return problems.map((p) => `${p.path || "(surface)"}: ${p.message} (${p.rule})`).join("\n");
}

/**
 * Problems in the form Slack puts in `response_metadata.messages` of an `invalid_blocks` answer:
 * `[ERROR] <message> [json-pointer:/blocks/3/text/text]`. `pointerPrefix` is e.g. `/view` for views.* methods.
 */
export function toSlackErrorMessages(problems: readonly BlockKitProblem[], pointerPrefix = ""): string[] {
  return problems.map((p) => {
    const pointer = p.path === "" ? "" : `/${p.path.split(".").join("/")}`;
    return `[ERROR] ${p.message} [json-pointer:${pointerPrefix}${pointer}]`;
  });
}

export class BlockKitValidationError extends Error {
  readonly problems: readonly BlockKitProblem[];

  constructor(surfaceType: string, problems: readonly BlockKitProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`Block Kit ${surfaceType} has ${count}:\n${formatProblems(problems)}`);
    this.name = "BlockKitValidationError";
    this.problems = problems;
  }
}

/** Throws a BlockKitValidationError listing every problem, or returns quietly when the surface is valid. */
export function assertValidSurface(surface: Surface): void {
  const problems = validateSurface(surface);
  if (problems.length > 0) throw new BlockKitValidationError(surface.type, problems);
}
