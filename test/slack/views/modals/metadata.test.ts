import { describe, expect, it } from "vitest";
import { CALLBACK } from "../../../../src/slack/contract/ids.js";
import {
  encodeMetadata,
  ModalMetadataError,
  type ModalMetadataErrorReason,
  parseMetadata,
} from "../../../../src/slack/contract/modal-metadata.js";

function reasonOf(fn: () => unknown): ModalMetadataErrorReason {
  try {
    fn();
  } catch (error) {
    if (error instanceof ModalMetadataError) return error.reason;
    throw error;
  }
  throw new Error("expected a ModalMetadataError");
}

describe("private_metadata", () => {
  it("round-trips every modal's metadata", () => {
    const eligibility = {
      answers: {
        service_model: "saas",
        confidentiality: "c2",
        target_business: "policy-work-for-publication",
      },
      step: 4,
      channelId: "C0123ABCD",
      baseRevision: 12,
    };
    expect(parseMetadata(CALLBACK.eligibility, encodeMetadata(CALLBACK.eligibility, eligibility))).toEqual(
      eligibility,
    );
    expect(parseMetadata(CALLBACK.profile, encodeMetadata(CALLBACK.profile, { baseRevision: 0 }))).toEqual({
      baseRevision: 0,
    });
    const record = { baseRevision: 7, presetType: "internal" as const };
    expect(parseMetadata(CALLBACK.record, encodeMetadata(CALLBACK.record, record))).toEqual(record);
    expect(parseMetadata(CALLBACK.record, encodeMetadata(CALLBACK.record, { baseRevision: 7 }))).toEqual({
      baseRevision: 7,
    });
  });

  it("refuses garbage with a typed error saying why", () => {
    expect(reasonOf(() => parseMetadata(CALLBACK.profile, ""))).toBe("missing");
    expect(reasonOf(() => parseMetadata(CALLBACK.profile, undefined))).toBe("missing");
    expect(reasonOf(() => parseMetadata(CALLBACK.profile, "{not json"))).toBe("not_json");
    expect(reasonOf(() => parseMetadata(CALLBACK.profile, "x".repeat(3001)))).toBe("too_long");
    expect(reasonOf(() => parseMetadata(CALLBACK.profile, "null"))).toBe("invalid");
    expect(reasonOf(() => parseMetadata(CALLBACK.profile, "[1]"))).toBe("invalid");
    expect(reasonOf(() => parseMetadata("home" as typeof CALLBACK.profile, "{}"))).toBe("unknown_callback");
  });

  it("refuses tampered metadata: wrong types, out-of-range numbers, extra or foreign keys", () => {
    const tampered: [string, string][] = [
      [CALLBACK.profile, JSON.stringify({ baseRevision: -1 })],
      [CALLBACK.profile, JSON.stringify({ baseRevision: 1.5 })],
      [CALLBACK.profile, JSON.stringify({ baseRevision: "3" })],
      [CALLBACK.profile, JSON.stringify({ baseRevision: 3, admin: true })],
      [CALLBACK.record, JSON.stringify({ baseRevision: 3, presetType: "external_everything" })],
      [CALLBACK.eligibility, JSON.stringify({ answers: {}, step: 0, baseRevision: 0 })],
      [CALLBACK.eligibility, JSON.stringify({ answers: { "__proto__!": "x" }, step: 1, baseRevision: 0 })],
      [
        CALLBACK.eligibility,
        JSON.stringify({ answers: { service_model: ["saas"] }, step: 1, baseRevision: 0 }),
      ],
      [CALLBACK.eligibility, JSON.stringify({ answers: {}, step: 1, baseRevision: 0, channelId: "<!here>" })],
      // Metadata of another modal.
      [CALLBACK.eligibility, JSON.stringify({ baseRevision: 3 })],
    ];
    for (const [callbackId, raw] of tampered) {
      expect({
        raw,
        reason: reasonOf(() => parseMetadata(callbackId as typeof CALLBACK.profile, raw)),
      }).toEqual({
        raw,
        reason: "invalid",
      });
    }
  });

  it("never encodes what it would refuse to read", () => {
    expect(reasonOf(() => encodeMetadata(CALLBACK.profile, { baseRevision: -2 }))).toBe("invalid");
    const huge = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`q${i}`, "v".repeat(150)]));
    expect(
      reasonOf(() => encodeMetadata(CALLBACK.eligibility, { answers: huge, step: 1, baseRevision: 0 })),
    ).toBe("too_long");
  });

  it("names the modal and the reason in the error message", () => {
    const error = (() => {
      try {
        parseMetadata(CALLBACK.record, "{}");
      } catch (e) {
        return e as ModalMetadataError;
      }
    })();
    expect(error).toBeInstanceOf(ModalMetadataError);
    expect(error?.callbackId).toBe(CALLBACK.record);
    expect(error?.message).toMatch(/record_audit_modal: invalid/);
  });
});
