import type { WebClient } from "@slack/web-api";
import { createTranslator, DEFAULT_LOCALE, localeFromSlack, type Translator } from "../i18n/translator.js";
import type { ServiceProfile } from "../profile/schema.js";
import type { Locale } from "../rules/schema.js";
import type { TeamKey } from "../store/keys.js";
import { withinDeadline } from "./deadline.js";
import type { Services } from "./services.js";

/** Who is asking, in which team and language: what every listener works out first. */
export interface Requester {
  team: TeamKey;
  userId: string;
  locale: Locale;
  t: Translator;
}

interface IdsFromBody {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
}

/** The team a request belongs to, from Bolt's context (set by authorize) or the body. */
export function teamKeyOf(context: IdsFromBody, body: unknown): TeamKey {
  const b = (body ?? {}) as Record<string, unknown>;
  const nested = (k: string) => (b[k] as { id?: string } | undefined)?.id;
  const user = b.user as { team_id?: string } | undefined;
  const teamId = (b.team_id as string | undefined) ?? nested("team") ?? user?.team_id ?? context.teamId;
  const enterpriseId =
    context.enterpriseId ?? (b.enterprise_id as string | undefined) ?? nested("enterprise");
  if (!teamId) throw new Error("request carries no team id");
  return enterpriseId ? { enterpriseId, teamId } : { teamId };
}

/**
 * How long a request waits for the person's saved language before going on with their Slack locale. A healthy
 * store answers in milliseconds; an unreachable one would otherwise spend its whole deadline here and again on the
 * request's own read, and the person would wait twice as long for the "store unavailable" reply.
 */
export const PREFERENCES_WAIT_MS = 500;

async function savedLocale(services: Services, team: TeamKey, userId: string): Promise<Locale | undefined> {
  const prefs = await withinDeadline(
    services.preferences.get(team, userId),
    PREFERENCES_WAIT_MS,
    () => new Error(`no answer within ${PREFERENCES_WAIT_MS} ms`),
  );
  return prefs.locale;
}

/**
 * The person's language: their `/ismap lang` choice, else their Slack locale, else Japanese. A choice the store
 * cannot give within PREFERENCES_WAIT_MS counts as none, and a failed Slack lookup as Japanese: neither fails the
 * request.
 */
export async function resolveLocale(
  services: Services,
  client: WebClient,
  team: TeamKey,
  userId: string,
): Promise<Locale> {
  try {
    const locale = await savedLocale(services, team, userId);
    if (locale) return locale;
  } catch (error) {
    services.logger.warn(`preferences unavailable: ${(error as Error).message}`);
  }
  try {
    const facts = await services.users.lookup(client, team, userId);
    return localeFromSlack(facts.locale);
  } catch (error) {
    services.logger.warn(`users.info failed for ${userId}: ${(error as Error).message}`);
    return DEFAULT_LOCALE;
  }
}

export async function requester(
  services: Services,
  client: WebClient,
  context: IdsFromBody,
  body: unknown,
  userId: string,
): Promise<Requester> {
  const team = teamKeyOf(context, body);
  const snapshot = services.answers.snapshot(team);
  const locale = await resolveLocale(services, client, team, userId);
  services.answers.rememberLocale(snapshot, userId, locale, services.clock());
  return { team, userId, locale, t: createTranslator(locale) };
}

/** Workspace admins and owners, and the editors they named, may change the profile. */
export async function canEdit(
  services: Services,
  client: WebClient,
  who: Requester,
  profile: ServiceProfile,
): Promise<boolean> {
  if (profile.editors.includes(who.userId)) return true;
  const facts = await services.users.lookup(client, who.team, who.userId);
  return facts.isAdmin || facts.isOwner;
}
