import { describe, expect, it } from "vitest";
import { migrateProfile, ProfileMigrationError, profileSchemaVersion } from "../../src/profile/migrations.js";
import { PROFILE_SCHEMA_VERSION, ServiceProfile } from "../../src/rules/service-profile.js";

/** A profile as the first release wrote it: no schemaVersion, flat service fields, one list of audits. */
const V0_PROFILE = {
  serviceName: "Kumo Docs",
  vendorName: "Kumo KK",
  registration: { status: "registered", registeredOn: "2024-04-01" },
  audits: [
    { id: "ext-2024", kind: "external", part: "controls", date: "2024-03-15", objectiveIds: ["5.1.1"] },
    { id: "int-2024", kind: "internal", date: "2024-09-30", objectiveIds: ["5.1.1", "6.1.2"] },
    { id: "ext-gov", kind: "external", part: "governance", date: "2024-03-15", periodStart: "2023-04-01" },
  ],
  editors: ["U123"],
};

describe("migrateProfile", () => {
  it("lifts a v0 profile to the current schema", () => {
    expect(profileSchemaVersion(V0_PROFILE)).toBe(0);
    const lifted = ServiceProfile.parse(migrateProfile(V0_PROFILE));
    expect(lifted.schemaVersion).toBe(PROFILE_SCHEMA_VERSION);
    expect(lifted.service).toEqual({ name: "Kumo Docs", vendor: "Kumo KK", description: "", url: "" });
    expect(lifted.registration).toEqual({ status: "registered", registeredOn: "2024-04-01" });
    expect(lifted.audits.external).toEqual([
      { id: "ext-2024", part: "controls", date: "2024-03-15", objectiveIds: ["5.1.1"] },
      { id: "ext-gov", part: "governance", date: "2024-03-15", objectiveIds: [], periodStart: "2023-04-01" },
    ]);
    expect(lifted.audits.internal).toEqual([
      { id: "int-2024", date: "2024-09-30", objectiveIds: ["5.1.1", "6.1.2"] },
    ]);
    expect(lifted.editors).toEqual(["U123"]);
    // The input is left as it was.
    expect(V0_PROFILE).not.toHaveProperty("schemaVersion");
    expect(Array.isArray(V0_PROFILE.audits)).toBe(true);
  });

  it("lifts an empty v0 profile to a valid empty profile", () => {
    expect(ServiceProfile.parse(migrateProfile({}))).toEqual(ServiceProfile.parse({ schemaVersion: 1 }));
  });

  it("leaves a current profile as it is", () => {
    const current = { schemaVersion: PROFILE_SCHEMA_VERSION, editors: ["U1"] };
    expect(migrateProfile(current)).toEqual(current);
  });

  it("refuses what it cannot understand", () => {
    expect(() => migrateProfile({ audits: [{ id: "x", kind: "surprise", date: "2024-01-01" }] })).toThrow(
      /audits\[0\] has kind "surprise"/,
    );
    expect(() => migrateProfile({ schemaVersion: PROFILE_SCHEMA_VERSION + 1 })).toThrow(
      /newer than this app/,
    );
    expect(() => migrateProfile({ schemaVersion: "1" })).toThrow(ProfileMigrationError);
    expect(() => migrateProfile(null)).toThrow(ProfileMigrationError);
    expect(() => migrateProfile([])).toThrow(ProfileMigrationError);
  });
});
