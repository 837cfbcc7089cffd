/**
 * What an obligation is about, in the reader's words: one line of text from the obligations timeline, shared by
 * the Slack messages and the exported record tables (so both name an obligation the same way).
 */
import type { Translator } from "../i18n/translator.js";
import type { Obligation } from "./timeline.js";

/** "外部監査（ガバナンス基準）" / "External audit (Governance criteria)": what the obligation is about. */
export function obligationTitle(o: Obligation, t: Translator): string {
  switch (o.kind) {
    case "external":
      return t("obligation.title.external", { part: o.part ? t(`criteria.${o.part}`) : "" });
    case "controls":
      return t("obligation.title.controls");
    case "internal":
      return o.lastDone === undefined
        ? t("obligation.title.internalNever", { count: o.objectiveIds.length })
        : t("obligation.title.internal", { count: o.objectiveIds.length });
    case "report":
      return t("obligation.title.report");
    case "validity":
      return t("obligation.title.validity");
  }
}
