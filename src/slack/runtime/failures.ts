import type { Translator } from "../../i18n/translator.js";
import { ProfileBusyError, ProfileValidationError } from "../../profile/repository.js";
import { StoredDocumentInvalidError, StoreUnavailableError } from "../../store/errors.js";
import type { Services } from "./services.js";

/** The sentence a person reads when their request failed; never a stack trace. */
export function failureText(error: unknown, t: Translator): string {
  if (error instanceof StoreUnavailableError) return t("app.storeUnavailable");
  if (error instanceof ProfileBusyError) return t("errors.conflict");
  if (error instanceof ProfileValidationError) return t("app.invalidProfile");
  if (error instanceof StoredDocumentInvalidError) return t("app.storedProfileInvalid");
  return t("errors.internal");
}

/** Logs a failure with what the operator needs (the stack stays in the log). */
export function logFailure(services: Services, where: string, error: unknown): void {
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  services.logger.error(`${where}: ${detail}`);
}

/** The Slack Web API error code of a failed call (`expired_trigger_id`, `not_in_channel`, …), if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === "string" ? data.error : undefined;
}
