/** Slack's Block Kit limits as a validator, used by tests, the fake Slack server and the sandbox. */
export {
  BLOCKS_BY_SURFACE,
  ELEMENT_SLOTS,
  type ElementSlot,
  KNOWN_BLOCK_TYPES,
  KNOWN_ELEMENT_TYPES,
  type KnownBlockType,
  type KnownElementType,
  LIMITS,
  MODAL_ONLY_ELEMENTS,
  PLAIN_TEXT_OPTION_ELEMENTS,
  type SurfaceType,
} from "./limits.js";
export {
  assertValidSurface,
  type BlockKitProblem,
  type BlockKitRule,
  BlockKitValidationError,
  formatProblems,
  type Surface,
  toSlackErrorMessages,
  validateSurface,
} from "./validate.js";
