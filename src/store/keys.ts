/**
 * Store keys, namespaced by installation: `<enterprise_id or ->:<team_id>`. Ids are checked so that no id can
 * smuggle a separator into another team's key.
 */

/** The team a piece of data belongs to. `enterpriseId` is set whenever Slack gives one (Enterprise Grid). */
export interface TeamKey {
  enterpriseId?: string;
  teamId: string;
}

const SLACK_ID = /^[A-Za-z0-9_]+$/;

function checkId(kind: string, id: string): string {
  if (!SLACK_ID.test(id)) {
    throw new TypeError(`${kind} ${JSON.stringify(id)} is not a Slack id (letters, digits, underscore)`);
  }
  return id;
}

/** `<enterprise_id or ->:<team_id>`; an empty enterprise id counts as none. */
export function teamScope(key: TeamKey): string {
  const enterprise = key.enterpriseId ? checkId("enterprise id", key.enterpriseId) : "-";
  return `${enterprise}:${checkId("team id", key.teamId)}`;
}

export function profileKey(key: TeamKey): string {
  return `profile:${teamScope(key)}`;
}

export function historyKey(key: TeamKey): string {
  return `history:${teamScope(key)}`;
}

/** One person's preferences (their `/ismap lang` choice). */
export function preferencesKey(key: TeamKey, userId: string): string {
  return `prefs:${teamScope(key)}:${checkId("user id", userId)}`;
}

/** The claim that serialises saves of one team's profile. */
export function profileLockKey(key: TeamKey): string {
  return `lock:profile:${teamScope(key)}`;
}

/** What identifies an installation: Bolt's InstallationQuery carries these three. */
export interface InstallationKey {
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
  isEnterpriseInstall?: boolean | undefined;
}

/** `installation:<enterprise id>` for an org-wide install, `installation:-:<team id>` otherwise. */
export function installationKey(key: InstallationKey): string {
  if (key.isEnterpriseInstall) {
    if (!key.enterpriseId) throw new TypeError("an org-wide installation needs an enterprise id");
    return `installation:${checkId("enterprise id", key.enterpriseId)}`;
  }
  if (!key.teamId) throw new TypeError("a workspace installation needs a team id");
  return `installation:-:${checkId("team id", key.teamId)}`;
}
