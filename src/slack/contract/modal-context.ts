/** The context every modal builder and form parser shares (slack/contract: used by views and forms alike). */
import type { Translator } from "../../i18n/translator.js";
import type { RuleSet } from "../../rules/schema.js";

/**
 * What every view builder and form parser needs: the loaded rules, the reader's translator and the instant the
 * answer is for. Builders never read the clock; the listener passes `asOf`.
 */
export interface ViewContext {
  rules: RuleSet;
  t: Translator;
  asOf: Date;
}
