import type { Middleware, SlackEventMiddlewareArgs } from "@slack/bolt";
import type { KeyvInstallationStore } from "../../../store/installation-store.js";
import { logFailure } from "../../runtime/failures.js";
import type { Services } from "../../runtime/services.js";

/** With OAuth, an uninstall forgets the installation's tokens. */
export function forgetInstallation(
  services: Services,
  installations: KeyvInstallationStore,
): Middleware<SlackEventMiddlewareArgs<"app_uninstalled">> {
  return async ({ body, context }) => {
    try {
      await installations.deleteTeamTokens({
        enterpriseId: context.enterpriseId ?? body.enterprise_id,
        teamId: context.teamId ?? body.team_id,
        isEnterpriseInstall: context.isEnterpriseInstall,
      });
    } catch (error) {
      logFailure(services, "app_uninstalled", error);
    }
  };
}

/** With OAuth, a revocation removes the revoked tokens. */
export function forgetRevokedTokens(
  services: Services,
  installations: KeyvInstallationStore,
): Middleware<SlackEventMiddlewareArgs<"tokens_revoked">> {
  return async ({ event, body, context }) => {
    try {
      await installations.deleteTeamTokens(
        {
          enterpriseId: context.enterpriseId ?? body.enterprise_id,
          teamId: context.teamId ?? body.team_id,
          isEnterpriseInstall: context.isEnterpriseInstall,
        },
        { userIds: event.tokens.oauth ?? [], bot: (event.tokens.bot ?? []).length > 0 },
      );
    } catch (error) {
      logFailure(services, "tokens_revoked", error);
    }
  };
}
