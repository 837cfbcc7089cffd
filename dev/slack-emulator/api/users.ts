/** users.info, with the locale only when asked for, as Slack does. */
import { requireString, SlackError } from "../slack-error.js";
import type { EmulatorContext } from "../state.js";
import type { EmulatorUser, Json } from "../types.js";
import { truthy } from "../values.js";
import type { Methods } from "./handler.js";

function userJson(ctx: EmulatorContext, user: EmulatorUser, includeLocale: boolean): Json {
  const { teamId } = ctx.config;
  return {
    id: user.id,
    team_id: teamId,
    name: user.name,
    real_name: user.realName ?? user.name,
    deleted: Boolean(user.deleted),
    is_admin: Boolean(user.isAdmin),
    is_owner: Boolean(user.isOwner),
    is_primary_owner: Boolean(user.isPrimaryOwner),
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: Boolean(user.isBot),
    is_app_user: false,
    tz: user.tz ?? "Asia/Tokyo",
    profile: { real_name: user.realName ?? user.name, display_name: user.name, team: teamId },
    ...(includeLocale ? { locale: user.locale ?? "en-US" } : {}),
  };
}

export const usersMethods: Methods = {
  "users.info": (ctx, body) => {
    const user = ctx.state.users.get(requireString(body, "user", "user_not_found"));
    if (!user) throw new SlackError("user_not_found");
    return { user: userJson(ctx, user, truthy(body.include_locale)) };
  },
};
