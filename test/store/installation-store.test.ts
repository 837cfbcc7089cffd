import type { Installation } from "@slack/bolt";
import { expect, it } from "vitest";
import { StoredDocumentInvalidError } from "../../src/store/errors.js";
import { InstallationNotFoundError, KeyvInstallationStore } from "../../src/store/installation-store.js";
import { forEachStoreBackend } from "../support/redis.js";

function teamInstall(overrides: Partial<Installation<"v2", false>> = {}): Installation<"v2", false> {
  return {
    team: { id: "T1", name: "Team One" },
    enterprise: undefined,
    user: { id: "U_INSTALLER", token: undefined, scopes: undefined },
    bot: {
      token: "xoxe.xoxb-1-old",
      refreshToken: "xoxe-1-refresh-old",
      expiresAt: 1_900_000_000,
      scopes: ["commands", "chat:write"],
      id: "B1",
      userId: "U_BOT",
    },
    appId: "A1",
    tokenType: "bot",
    isEnterpriseInstall: false,
    authVersion: "v2",
    ...overrides,
  };
}

function orgInstall(): Installation<"v2", true> {
  return {
    team: undefined,
    enterprise: { id: "E1", name: "Org" },
    user: { id: "U_ADMIN", token: "xoxp-admin", scopes: ["identify"] },
    bot: { token: "xoxb-org", scopes: ["commands"], id: "B9", userId: "U_BOT9" },
    enterpriseUrl: "https://org.enterprise.slack.com/",
    appId: "A1",
    tokenType: "bot",
    isEnterpriseInstall: true,
    authVersion: "v2",
  };
}

const teamQuery = { teamId: "T1", enterpriseId: undefined, isEnterpriseInstall: false } as const;
const orgQuery = { teamId: undefined, enterpriseId: "E1", isEnterpriseInstall: true } as const;

forEachStoreBackend((backend) => {
  it("stores and fetches a workspace installation under installation:-:<team>", async () => {
    const store = backend.open();
    const installations = new KeyvInstallationStore(store);
    await installations.storeInstallation(teamInstall());
    expect(await installations.fetchInstallation(teamQuery)).toEqual(teamInstall());
    expect(await store.get("installation:-:T1")).toBeDefined();
    await expect(installations.fetchInstallation({ ...teamQuery, teamId: "T2" })).rejects.toBeInstanceOf(
      InstallationNotFoundError,
    );
  });

  it("keys an org-wide installation by its enterprise id alone", async () => {
    const store = backend.open();
    const installations = new KeyvInstallationStore(store);
    await installations.storeInstallation(orgInstall());
    expect(await store.get("installation:E1")).toBeDefined();
    expect(await installations.fetchInstallation(orgQuery)).toEqual(orgInstall());
    // Any workspace of the org finds it through the org-wide query Bolt makes.
    expect((await installations.fetchInstallation({ ...orgQuery, teamId: "T7" } as never)).bot?.token).toBe(
      "xoxb-org",
    );
    await expect(
      installations.fetchInstallation({ teamId: "E1", enterpriseId: "E1", isEnterpriseInstall: false }),
    ).rejects.toBeInstanceOf(InstallationNotFoundError);
  });

  it("keeps rotated bot tokens exactly as Bolt stores them", async () => {
    const installations = new KeyvInstallationStore(backend.open());
    await installations.storeInstallation(teamInstall());
    const fetched = await installations.fetchInstallation(teamQuery);
    // What Bolt's authorize() does after refreshing: write back the fetched installation with new bot fields.
    const bot = fetched.bot;
    if (!bot) throw new Error("bot missing");
    await installations.storeInstallation({
      ...fetched,
      bot: { ...bot, token: "xoxe.xoxb-1-new", refreshToken: "xoxe-1-refresh-new", expiresAt: 1_900_043_200 },
    });
    const after = await installations.fetchInstallation(teamQuery);
    expect(after.bot).toMatchObject({
      token: "xoxe.xoxb-1-new",
      refreshToken: "xoxe-1-refresh-new",
      expiresAt: 1_900_043_200,
    });
  });

  it("returns each user's own user token and none for users without one", async () => {
    const installations = new KeyvInstallationStore(backend.open());
    await installations.storeInstallation(teamInstall());
    await installations.storeInstallation(
      teamInstall({
        user: { id: "U_ALICE", token: "xoxp-alice", refreshToken: "r-a", expiresAt: 5, scopes: ["x"] },
      }),
    );
    expect((await installations.fetchInstallation({ ...teamQuery, userId: "U_ALICE" })).user).toMatchObject({
      id: "U_ALICE",
      token: "xoxp-alice",
      refreshToken: "r-a",
    });
    const bob = await installations.fetchInstallation({ ...teamQuery, userId: "U_BOB" });
    expect(bob.user.id).toBe("U_BOB");
    expect(bob.user.token).toBeUndefined();
    expect(bob.bot?.token).toBe("xoxe.xoxb-1-old");
    // A later bot-only reinstall by someone else keeps Alice's user token.
    await installations.storeInstallation(
      teamInstall({ user: { id: "U_CAROL", token: undefined, scopes: undefined } }),
    );
    expect((await installations.fetchInstallation({ ...teamQuery, userId: "U_ALICE" })).user.token).toBe(
      "xoxp-alice",
    );
  });

  it("deletes an installation, or one user's token", async () => {
    const installations = new KeyvInstallationStore(backend.open());
    await installations.storeInstallation(orgInstall());
    await installations.storeInstallation(teamInstall());
    await installations.deleteInstallation({ ...orgQuery, userId: "U_ADMIN" });
    const org = await installations.fetchInstallation({ ...orgQuery, userId: "U_ADMIN" });
    expect(org.user.token).toBeUndefined();
    expect(org.bot?.token).toBe("xoxb-org");
    await installations.deleteInstallation(orgQuery);
    await expect(installations.fetchInstallation(orgQuery)).rejects.toBeInstanceOf(InstallationNotFoundError);
    // The workspace installation is untouched.
    expect((await installations.fetchInstallation(teamQuery)).bot?.token).toBe("xoxe.xoxb-1-old");
  });

  it("handles tokens_revoked and app_uninstalled through deleteTeamTokens", async () => {
    const installations = new KeyvInstallationStore(backend.open());
    await installations.storeInstallation(
      teamInstall({ user: { id: "U_ALICE", token: "xoxp-a", scopes: ["x"] } }),
    );
    await installations.storeInstallation(
      teamInstall({ user: { id: "U_BOB", token: "xoxp-b", scopes: ["x"] } }),
    );

    await installations.deleteTeamTokens(teamQuery, { userIds: ["U_BOB"] });
    expect(
      (await installations.fetchInstallation({ ...teamQuery, userId: "U_BOB" })).user.token,
    ).toBeUndefined();
    expect((await installations.fetchInstallation({ ...teamQuery, userId: "U_ALICE" })).user.token).toBe(
      "xoxp-a",
    );

    await installations.deleteTeamTokens(teamQuery, { bot: true });
    const withoutBot = await installations.fetchInstallation({ ...teamQuery, userId: "U_ALICE" });
    expect(withoutBot.bot).toBeUndefined();
    expect(withoutBot.user.token).toBe("xoxp-a");

    // The last token revoked: nothing is left to authorise with, so the installation goes.
    await installations.deleteTeamTokens(teamQuery, { userIds: ["U_ALICE"] });
    await expect(installations.fetchInstallation(teamQuery)).rejects.toBeInstanceOf(
      InstallationNotFoundError,
    );

    await installations.storeInstallation(teamInstall());
    await installations.deleteTeamTokens({ teamId: "T1" });
    await expect(installations.fetchInstallation(teamQuery)).rejects.toBeInstanceOf(
      InstallationNotFoundError,
    );
    await installations.deleteTeamTokens({ teamId: "T1" }, { bot: true }); // nothing stored: no error
  });

  it("refuses a stored record that is not an installation", async () => {
    const store = backend.open();
    await store.set("installation:-:T1", { hello: "world" });
    await expect(new KeyvInstallationStore(store).fetchInstallation(teamQuery)).rejects.toBeInstanceOf(
      StoredDocumentInvalidError,
    );
  });
});
