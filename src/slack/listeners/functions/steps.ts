/**
 * The Workflow Builder steps (custom functions, manifest.yml `functions`). Slack does not ack function_executed
 * for the app: each handler acks first, then finishes the step with complete (outputs) or fail (a message in the
 * team's language naming what was wrong and what to do). Calls here use the function's own bot token (Bolt's
 * attachFunctionToken).
 */
import type { Middleware, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Locale } from "../../../i18n/locale.js";
import { createTranslator, type Translator } from "../../../i18n/translator.js";
import type { TeamKey } from "../../../store/keys.js";
import { refreshHome } from "../../flows/publish-home.js";
import { saveAuditRecord } from "../../flows/record-audit.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { canEdit, type Requester, resolveLocale, tenantOf } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { parseDaysAhead, parseRecordInputs } from "../../steps/inputs.js";
import { coverageOutputs, dueOutputs } from "../../steps/outputs.js";

const SLACK_USER = /^[UW][A-Z0-9]{2,}$/;

/** The team's language: the one its reminders are sent in (`/ismap remind`), else Japanese. */
async function teamLocale(services: Services, team: TeamKey): Promise<Locale> {
  try {
    return (await services.reminders.get(team))?.locale ?? "ja";
  } catch {
    return "ja";
  }
}

type StepCallback = Middleware<SlackEventMiddlewareArgs<"function_executed">>;

/** "What is due": the obligations due within the given days, as outputs. */
export function whatIsDueStep(services: Services): StepCallback {
  return async ({ ack, inputs, complete, fail, context, body }) => {
    await ack();
    let t: Translator = createTranslator("ja");
    try {
      const team = tenantOf(context, body);
      t = createTranslator(await teamLocale(services, team));
      const days = parseDaysAhead(inputs.days_ahead, t);
      if (!days.ok) return void (await fail({ error: days.error }));
      const asOf = services.clock();
      const { profile } = await services.profiles.get(team);
      const outputs = dueOutputs(services.engine.obligations(profile, asOf), days.value, t);
      await complete({ outputs: { ...outputs } });
    } catch (error) {
      await failed(services, fail, t, "step what is due", error);
    }
  };
}

/** "Record an audit": saved as the record modal saves it; the coverage that follows, as outputs. */
export function recordAuditStep(services: Services): StepCallback {
  return async ({ ack, inputs, complete, fail, context, body, client }) => {
    await ack();
    let t: Translator = createTranslator("ja");
    try {
      const team = tenantOf(context, body);
      const locale = await teamLocale(services, team);
      t = createTranslator(locale);
      const userId = typeof inputs.recorded_by === "string" ? inputs.recorded_by : "";
      if (!SLACK_USER.test(userId)) return void (await fail({ error: t("steps.errors.user") }));
      const who: Requester = { team, userId, locale, t };
      const asOf = services.clock();
      const ctx = { rules: services.engine.rules, t, asOf };
      const parsed = parseRecordInputs(inputs, ctx, { newId: services.newId });
      if (!parsed.ok) return void (await fail({ error: parsed.error }));
      const { profile } = await services.profiles.get(team);
      if (!(await canEdit(services, client as WebClient, who, profile))) {
        return void (await fail({ error: t("steps.errors.notAllowed", { user: `<@${userId}>` }) }));
      }
      await saveAuditRecord(services, team, userId, asOf, parsed.value);
    } catch (error) {
      return void (await failed(services, fail, t, "step record audit", error));
    }
    // Saved: from here on a problem is logged, never reported as a failed step (the audit is recorded).
    try {
      const saved = await services.profiles.get(tenantOf(context, body));
      await complete({
        outputs: { ...coverageOutputs(services.engine.obligations(saved.profile, services.clock()), t) },
      });
    } catch (error) {
      logFailure(services, "step record audit (complete)", error);
    }
    // The person's own App Home, in their own language (not the team's).
    const userId = String(inputs.recorded_by);
    const team = tenantOf(context, body);
    const locale = await resolveLocale(services, client as WebClient, team, userId);
    await refreshHome(services, client as WebClient, { team, userId, locale, t: createTranslator(locale) });
  };
}

async function failed(
  services: Services,
  fail: (params: { error: string }) => Promise<unknown>,
  t: Translator,
  where: string,
  error: unknown,
): Promise<void> {
  logFailure(services, where, error);
  await fail({ error: t("steps.errors.failed", { reason: failureText(error, t) }) }).catch((e) =>
    logFailure(services, `${where} (fail)`, e),
  );
}
