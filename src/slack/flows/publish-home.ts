import type { WebClient } from "@slack/web-api";
import { canEdit, type Requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import { homeView } from "../views/home.js";
import { currentVerdict } from "./answers.js";

/** Publishes the person's App Home: the team's dashboard as of now. */
export async function publishHome(services: Services, client: WebClient, who: Requester): Promise<void> {
  const asOf = services.clock();
  const { profile, revision } = await services.profiles.get(who.team);
  const editable = await canEdit(services, client, who, profile).catch(() => false);
  const view = homeView(
    {
      profile,
      revision,
      // The saved verdict, so the dashboard says when it was checked and under which rules version (and warns
      // when the rules changed since); a fresh assessment would always read "checked today, current rules".
      eligibility: profile.eligibility?.result ?? currentVerdict(services, profile, asOf),
      timeline: services.engine.obligations(profile, asOf),
      canEdit: editable,
    },
    { rules: services.engine.rules, t: who.t, asOf },
  );
  await client.views.publish({ user_id: who.userId, view });
}

/** Refreshes the home tab after a change; a failure here must not undo or hide the change itself. */
export async function refreshHome(services: Services, client: WebClient, who: Requester): Promise<void> {
  try {
    await publishHome(services, client, who);
  } catch (error) {
    services.logger.warn(`views.publish after a change failed: ${(error as Error).message}`);
  }
}
