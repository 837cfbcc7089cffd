/** auth.test and team.info: who the token belongs to, and the workspace. */
import type { Methods } from "./handler.js";

export const authMethods: Methods = {
  "auth.test": ({ config }) => ({
    url: `https://${config.teamDomain}.slack.com/`,
    team: config.teamName,
    user: config.botName,
    team_id: config.teamId,
    user_id: config.botUserId,
    bot_id: config.botId,
    is_enterprise_install: false,
    ...(config.enterpriseId ? { enterprise_id: config.enterpriseId } : {}),
  }),

  "team.info": ({ config }) => ({
    team: {
      id: config.teamId,
      name: config.teamName,
      domain: config.teamDomain,
      email_domain: "",
      icon: { image_default: true },
      ...(config.enterpriseId ? { enterprise_id: config.enterpriseId } : {}),
    },
  }),
};
