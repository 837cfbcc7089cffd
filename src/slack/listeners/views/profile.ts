import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import { CALLBACK } from "../../contract/ids.js";
import { profileAt } from "../../flows/profile-at-revision.js";
import { refreshHome } from "../../flows/publish-home.js";
import { parseProfileSubmission } from "../../forms/profile.js";
import type { Services } from "../../runtime/services.js";
import { parseMetadata, profileModal } from "../../views/modals/index.js";
import { noticeModal } from "../../views/notice-modal.js";
import { section } from "../../views/parts.js";
import { allowedToEdit, onSubmission } from "./submission.js";

/**
 * The profile editor's submission. Permission is checked again here (a view can be submitted by anyone who has
 * it). A save based on an old revision is refused: the form comes back with the person's input applied to the
 * newest profile and a note, so nothing they typed is lost and nobody else's change is silently overwritten.
 */
export function saveProfile(services: Services): Middleware<SlackViewMiddlewareArgs<SlackViewAction>> {
  return onSubmission(services, "save profile", async (args) => {
    const { sub, ack, client } = args;
    const { who, ctx } = sub;
    const stored = await services.profiles.get(who.team);
    if (!(await allowedToEdit(services, args, stored.profile, "profile"))) return;
    const facts = await services.users.lookup(client, who.team, who.userId);
    const canEditEditors = facts.isAdmin || facts.isOwner;
    // Only what the person changed is written: compared with the profile the form was built from, not the
    // newest one, or every field someone else saved meanwhile would count as changed back by this person.
    const { baseRevision } = parseMetadata(CALLBACK.profile, sub.view.private_metadata);
    const base = (await profileAt(services, who.team, stored, baseRevision)) ?? stored.profile;
    const parsed = parseProfileSubmission(sub.view.state.values, sub.view.private_metadata, base, ctx, {
      canEditEditors,
    });
    if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));

    const formAgain = (revision: number, profile = stored.profile) => {
      const view = profileModal({ profile: parsed.update(profile), revision }, ctx, { canEditEditors });
      view.blocks = [section(`:warning: ${who.t("app.staleProfile", { revision })}`), ...view.blocks];
      return view;
    };
    if (parsed.baseRevision !== stored.revision) {
      return void (await ack({ response_action: "update", view: formAgain(stored.revision) }));
    }
    await ack({
      response_action: "update",
      view: noticeModal(who.t("modal.title.profile"), who.t("app.loading"), ctx),
    });

    const saved = await services.profiles.save(who.team, {
      baseRevision: parsed.baseRevision,
      actor: who.userId,
      at: ctx.asOf,
      summary: "profile",
      update: parsed.update,
    });
    const view = saved.ok
      ? noticeModal(who.t("app.savedTitle"), who.t("app.profileSaved", { revision: saved.revision }), ctx)
      : formAgain(saved.current.revision, saved.current.profile);
    await client.views.update({ view_id: sub.view.id, view });
    if (saved.ok) await refreshHome(services, client, who);
  });
}
