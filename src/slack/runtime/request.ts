import type { WebClient } from "@slack/web-api";
import type { Locale } from "../../i18n/locale.js";
import { createTranslator, DEFAULT_LOCALE, localeFromSlack, type Translator } from "../../i18n/translator.js";
import type { ServiceProfile } from "../../rules/service-profile.js";
import type { TeamKey } from "../../store/keys.js";
import { withinDeadline } from "./deadline.js";
import type { Services } from "./services.js";

/** Who is asking, in which team and language: what every listener works out first. */
export interface Requester {
  team: TeamKey;
  userId: string;
  locale: Locale;
  t: Translator;
}

/** What Bolt's authorization put in the context (AuthorizeResult plus `isEnterpriseInstall`). */
export interface AuthorizedContext {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/** A request whose body names another workspace than the one Bolt authorized it for; refused (403). */
export class TenantMismatchError extends Error {
  override readonly name = "TenantMismatchError";
  readonly code = "ismap_tenant_mismatch";
}

type Body = Record<string, unknown>;
const str = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
const idOf = (value: unknown): string | undefined =>
  value && typeof value === "object" ? str((value as { id?: unknown }).id) : undefined;

/**
 * The workspace the body says the request belongs to, read exactly as Bolt's `buildSource` reads it (App.ts):
 * events `authorizations[0].team_id` else `team_id`; commands `team_id`; view submissions and closes
 * `view.app_installed_team_id` (a modal opened from a Slack Connect channel) else `team.id` else `user.team_id`;
 * actions and options `team.id` else `user.team_id` (`team` is null for org-wide installs).
 */
export function bodyTeamOf(body: unknown): string | undefined {
  const b = (body ?? {}) as Body;
  if (b.event !== undefined) {
    const first = Array.isArray(b.authorizations) ? (b.authorizations[0] as Body | undefined) : undefined;
    return str(first?.team_id) ?? str(b.team_id);
  }
  if (typeof b.command === "string") return str(b.team_id);
  const user = b.user as Body | undefined;
  const fromTeam = idOf(b.team) ?? str(user?.team_id);
  if (b.type === "view_submission" || b.type === "view_closed") {
    return str((b.view as Body | undefined)?.app_installed_team_id) ?? fromTeam;
  }
  return fromTeam;
}

/** The workspace the person acts in, for an org-wide install: `team.id`, `user.team_id`, or a command's `team_id`. */
function actingWorkspaceOf(body: unknown): string | undefined {
  const b = (body ?? {}) as Body;
  const view = b.view as Body | undefined;
  const installedIn = str(view?.app_installed_team_id);
  return (
    (installedIn?.startsWith("T") ? installedIn : undefined) ??
    idOf(b.team) ??
    str((b.user as Body | undefined)?.team_id) ??
    str(view?.team_id) ??
    str(b.team_id)
  );
}

/**
 * THE tenant of a request: the team and enterprise Bolt's authorization decided (context.teamId/enterpriseId:
 * in OAuth mode the installation found for the request, in token mode the workspace of the bot token, see
 * app.ts). Body fields never override it. For an org-wide install the authorization is the enterprise, and the
 * tenant is the workspace the person acts in inside it. A body whose own team (read as Bolt reads it) is another
 * workspace than the authorized one is refused with TenantMismatchError.
 */
export function tenantOf(context: AuthorizedContext, body: unknown): TeamKey {
  const enterpriseId = context.enterpriseId || undefined;
  let teamId = context.teamId || undefined;
  if (context.isEnterpriseInstall && (!teamId || teamId === enterpriseId)) teamId = actingWorkspaceOf(body);
  if (!teamId) throw new TenantMismatchError("the request carries no authorized team");
  const claimed = bodyTeamOf(body);
  if (!context.isEnterpriseInstall && claimed !== undefined && claimed !== teamId) {
    throw new TenantMismatchError(`the body names team ${claimed}, the authorization is for ${teamId}`);
  }
  return enterpriseId ? { enterpriseId, teamId } : { teamId };
}

/** @deprecated the old name of tenantOf. */
export const teamKeyOf = tenantOf;

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
  context: AuthorizedContext,
  body: unknown,
  userId: string,
): Promise<Requester> {
  const team = tenantOf(context, body);
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
