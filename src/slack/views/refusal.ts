/**
 * What a person who may not change the team's data is told (issue 13): what they tried, who can do it — workspace
 * admins, owners and the editors named in the profile, by name — and how to be added.
 */
import type { Translator } from "../../i18n/translator.js";
import { mention } from "./messages/profile.js";

export type RefusedAction = "profile" | "record" | "remind" | "save" | "import";

/** How many editors the refusal names before "ほか3件". */
const EDITORS_NAMED = 10;

export function refusalText(action: RefusedAction, editors: readonly string[], t: Translator): string {
  const named = editors.slice(0, EDITORS_NAMED).map(mention);
  const more = editors.length - named.length;
  const list = more > 0 ? `${named.join(", ")} ${t("msg.common.more", { count: more })}` : named.join(", ");
  return [
    `:lock: ${t("concise.refusal.what", { action: t(`concise.refusal.action.${action}`) })}`,
    t("concise.refusal.who"),
    editors.length > 0 ? t("concise.refusal.editors", { users: list }) : t("concise.refusal.noEditors"),
    t("concise.refusal.howToJoin"),
  ].join("\n");
}
