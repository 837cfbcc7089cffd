/** A Web API error: a handler throws it, the method router answers `{ ok: false, error: code, ...extra }`. */
import { type BlockKitProblem, toSlackErrorMessages } from "../blockkit/validate.js";
import type { Json } from "./types.js";
import { str } from "./values.js";

export class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Json = {},
  ) {
    super(code);
  }
}

export function requireString(body: Json, key: string, error = "invalid_arguments"): string {
  const value = str(body[key]);
  if (value === undefined)
    throw new SlackError(error, { response_metadata: { messages: [`missing \`${key}\``] } });
  return value;
}

export function invalidBlocks(problems: BlockKitProblem[], pointerPrefix: string): SlackError {
  return new SlackError("invalid_blocks", {
    response_metadata: { messages: toSlackErrorMessages(problems, pointerPrefix) },
  });
}
