import type { KeyvInstallationStore } from "../../../store/installation-store.js";
import { logFailure } from "../../runtime/failures.js";
import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";

/**
 * With OAuth, an uninstall forgets the installation and a revocation removes the revoked tokens. With a single
 * bot token there is nothing stored to remove.
 */
export function register(
  app: ListenerRouter,
  services: Services,
  installations?: KeyvInstallationStore,
): void {
  if (!installations) return;
  app.event("app_uninstalled", async ({ body, context }) => {
    try {
      await installations.deleteTeamTokens({
        enterpriseId: context.enterpriseId ?? body.enterprise_id,
        teamId: context.teamId ?? body.team_id,
        isEnterpriseInstall: context.isEnterpriseInstall,
      });
    } catch (error) {
      logFailure(services, "app_uninstalled", error);
    }
  });
  app.event("tokens_revoked", async ({ event, body, context }) => {
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
  });
}
