/**
 * Records in and out over signed HTTP: `/ismap export` and App Home's export button upload a workbook and CSV files
 * (files.uploadV2 against the fake Web API, which keeps the bytes), and `/ismap import` reads such a file back
 * through a file_input, previews it and records it in one revision, all or nothing, for editors only.
 */
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import type { RequestUser } from "../../dev/slack-requests/index.js";
import { ACTION, CALLBACK } from "../../src/slack/contract/ids.js";
import { IMPORT_FILE_ACTION, IMPORT_FILE_BLOCK } from "../../src/slack/views/modals/import.js";
import { type Harness, startHarness } from "../support/harness.js";
import {
  en,
  invalidBlocksCalls,
  ja,
  type Modal,
  mark,
  openByCommand,
  openHome,
  PEOPLE,
  pressHomeButton,
  textOf,
  waitForOk,
} from "../support/modals.js";

type Json = Record<string, unknown>;

let h: Harness;
const harnesses: Harness[] = [];

async function harness(): Promise<Harness> {
  const started = await startHarness();
  harnesses.push(started);
  return started;
}

beforeEach(async () => {
  // 2026-11-26 10:00 JST.
  h = await harness();
});

afterEach(async () => {
  for (const one of harnesses.splice(0)) {
    expect(invalidBlocksCalls(one).map((c) => c.method)).toEqual([]);
    await one.close();
  }
});

const teamOf = (x: Harness) => ({ teamId: x.fake.teamId });

/** A team with two internal audits (one lapsed by asOf) and one external audit. */
async function seed(x: Harness): Promise<void> {
  const saved = await x.assistant.services.profiles.save(teamOf(x), {
    baseRevision: 0,
    actor: PEOPLE.admin.id,
    at: x.now,
    update: (profile) => {
      profile.audits.internal.push(
        { id: "i1", date: "2023-10-02", objectiveIds: ["5.1.1", "5.1.2"] },
        { id: "i2", date: "2025-04-15", objectiveIds: ["5.1.2", "9.2.3", "9.5.1.P"] },
      );
      profile.audits.external.push({
        id: "e1",
        part: "governance",
        date: "2025-09-30",
        objectiveIds: [],
        periodStart: "2024-07-01",
        periodEnd: "2025-06-30",
      });
      return profile;
    },
  });
  expect(saved.ok).toBe(true);
}

interface Uploaded {
  name: string;
  bytes: Buffer;
  channel?: string;
}

/** `/ismap export` as `user`: the ephemeral reply and the files uploaded by it. */
async function exportAs(x: Harness, user: RequestUser): Promise<{ reply: string; files: Uploaded[] }> {
  const before = x.fake.files().length;
  const { reply } = await x.command("export", user.id);
  const files = x.fake.files().slice(before);
  return {
    reply: textOf(reply.body),
    files: files.map((f) => ({ name: f.name, bytes: f.bytes, channel: f.channel })),
  };
}

async function sheetsOf(bytes: Buffer): Promise<Map<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheets = new Map<string, string[][]>();
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow((row) => {
      rows.push(
        (row.values as unknown[])
          .slice(1)
          .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v ?? ""))),
      );
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

function csvRows(bytes: Buffer): string[][] {
  return bytes
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n")
    .map((line) => line.split(","));
}

describe("export", () => {
  it("uploads a workbook and CSV files to the person's DM, in Japanese, with what the timeline says", async () => {
    await seed(h);
    const { reply, files } = await exportAs(h, PEOPLE.admin);
    expect(reply).toContain(ja("records.export.sentToDm"));
    expect(files.map((f) => f.name).sort()).toEqual([
      "ismap-audits-2026-11-26.csv",
      "ismap-objectives-2026-11-26.csv",
      "ismap-obligations-2026-11-26.csv",
      "ismap-records-2026-11-26.xlsx",
    ]);
    const dm = `D${PEOPLE.admin.id.slice(1)}`;
    expect(files.every((f) => f.channel === dm)).toBe(true);
    // One message in the DM carries them, with the one-line summary.
    const message = h.fake.messages(dm).find((m) => m.files?.length === 4);
    expect(message?.text).toContain(h.assistant.services.engine.version);
    expect(message?.text).toContain("2026年11月26日");
    expect(message?.text?.split("\n")).toHaveLength(1);

    const { profile } = await h.assistant.services.profiles.get(teamOf(h));
    const timeline = h.assistant.services.engine.obligations(profile, h.now);
    const workbook = await sheetsOf((files.find((f) => f.name.endsWith(".xlsx")) as Uploaded).bytes);
    expect([...workbook.keys()]).toEqual([
      ja("records.sheet.objectives"),
      ja("records.sheet.obligations"),
      ja("records.sheet.audits"),
      ja("records.sheet.about"),
    ]);
    const objectives = workbook.get(ja("records.sheet.objectives")) as string[][];
    expect(objectives[0]?.[0]).toBe(ja("records.column.objectiveId"));
    expect(objectives).toHaveLength(1 + 121);
    for (const entry of timeline.coverage.objectives) {
      const row = objectives.find((r) => r[0] === entry.id) as string[];
      expect(row[2] || undefined).toBe(entry.lastCovered);
      expect(row[3] || undefined).toBe(entry.coveredUntil);
      expect(row[6]).toBe(ja(`audit.coverage.${entry.status}`));
    }
    // 5.1.1 was last audited on 2023-10-02: its three years ran out on 2026-10-01.
    expect(objectives.find((r) => r[0] === "5.1.1")?.slice(2, 5)).toEqual([
      "2023-10-02",
      "2026-10-01",
      "2026-10-02",
    ]);
    const obligations = workbook.get(ja("records.sheet.obligations")) as string[][];
    expect(obligations).toHaveLength(1 + timeline.obligations.length);
    expect(obligations.slice(1).map((r) => r.at(-1))).toEqual(timeline.obligations.map((o) => o.id));
    const about = workbook.get(ja("records.sheet.about")) as string[][];
    expect(about.find((r) => r[0] === ja("records.about.rulesVersion"))?.[1]).toBe(
      h.assistant.services.engine.version,
    );
    expect(about.find((r) => r[0] === ja("records.about.asOf"))?.[1]).toBe("2026-11-26");

    const csv = files.find((f) => f.name.startsWith("ismap-objectives")) as Uploaded;
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(csv.bytes);
    expect(rows[0]?.[0]).toBe(ja("records.column.objectiveId"));
    expect(rows[0]?.slice(-2)).toEqual([ja("records.about.asOf"), ja("records.about.rulesVersion")]);
    expect(rows[1]?.slice(-2)).toEqual(["2026-11-26", h.assistant.services.engine.version]);
    expect(rows.find((r) => r[0] === "9.2.3")?.slice(2, 4)).toEqual(["2025-04-15", "2028-04-14"]);
    const audits = csvRows((files.find((f) => f.name.startsWith("ismap-audits")) as Uploaded).bytes);
    expect(audits.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ["internal", "2023-10-02", ""],
      ["internal", "2025-04-15", ""],
      ["external", "2025-09-30", "governance"],
    ]);
  });

  it("has English headers for a person who reads English, and works for a plain member from App Home", async () => {
    const { files } = await exportAs(h, PEOPLE.owner);
    const workbook = await sheetsOf((files.find((f) => f.name.endsWith(".xlsx")) as Uploaded).bytes);
    expect(workbook.get(en("records.sheet.objectives"))?.[0]?.slice(0, 3)).toEqual([
      en("records.column.objectiveId"),
      en("records.column.objective"),
      en("records.column.lastInternalAudit"),
    ]);

    const home = await openHome(h, PEOPLE.member);
    const before = h.fake.files().length;
    const { since } = await pressHomeButton(h, PEOPLE.member, home, ACTION.exportRecords);
    // A modal answers the press at once, then says where the files went (with the summary).
    const opened = await waitForOk(h, "views.open", since);
    const viewId = String(((opened.response as Json).view as Json).id);
    await waitForOk(h, "views.update", since, (body) => body.view_id === viewId);
    const shown = textOf(h.fake.view(viewId));
    expect(shown).toContain(ja("records.export.sentToDm"));
    expect(shown).toContain(h.assistant.services.engine.version);
    const uploaded = h.fake.files().slice(before);
    expect(uploaded).toHaveLength(4);
    expect(uploaded.every((f) => f.channel === `D${PEOPLE.member.id.slice(1)}`)).toBe(true);
  });
});

describe("export to the channel", () => {
  it("`export channel` shares the files in the channel it was typed in, if the app is there", async () => {
    const before = h.fake.files().length;
    const { reply } = await h.command("export channel", PEOPLE.admin.id);
    expect(textOf(reply.body)).toContain(ja("records.export.sharedInChannel"));
    const files = h.fake.files().slice(before);
    expect(files).toHaveLength(4);
    expect(files.every((f) => f.channel === DEFAULT_IDS.general)).toBe(true);

    h.fake.setChannelMembers(DEFAULT_IDS.general, [PEOPLE.admin.id]);
    const { reply: refused } = await h.command("export チャンネル", PEOPLE.admin.id);
    // The invite hint names the app by its bot user, as Slack knows it, not by a literal.
    expect(textOf(refused.body)).toContain(
      ja("records.export.notInChannel", { bot: `<@${DEFAULT_IDS.bot}>` }),
    );
  });
});

describe("export failures", () => {
  it("tells the person when the installation lacks the file scopes, and when the store is down", async () => {
    h.fake.failNext("files.getUploadURLExternal", { error: "missing_scope" }, 4);
    const { reply } = await exportAs(h, PEOPLE.admin);
    expect(reply).toContain(ja("records.export.missingScope"));

    await h.assistant.store.close();
    const { reply: down } = await exportAs(h, PEOPLE.owner);
    expect(down).toContain(en("app.storeUnavailable"));
    expect(h.fake.files()).toHaveLength(0);
  });
});

/** Picks `file` in the import modal and submits it; resolves with the view shown once the file is read. */
async function readFile(x: Harness, modal: Modal, file: { name: string; bytes: Buffer }): Promise<Json> {
  const given = x.fake.addFile(file);
  const since = mark(x);
  const { ack } = await modal.submitValues({
    [IMPORT_FILE_BLOCK]: { [IMPORT_FILE_ACTION]: { type: "file_input", files: [given] } as never },
  });
  expect(ack?.response_action).toBe("update");
  return modal.nextUpdate(since);
}

async function confirm(x: Harness, modal: Modal): Promise<Json> {
  expect(modal.callbackId).toBe(CALLBACK.importConfirm);
  const since = mark(x);
  const { ack } = await modal.submit();
  expect(ack?.response_action).toBe("update");
  return modal.nextUpdate(since);
}

describe("import", () => {
  it("round trip: a workbook exported from one team, imported on an empty team, gives the same coverage", async () => {
    await seed(h);
    const { files } = await exportAs(h, PEOPLE.admin);
    const workbook = files.find((f) => f.name.endsWith(".xlsx")) as Uploaded;

    const other = await harness();
    const { modal } = await openByCommand(other, "import", PEOPLE.admin);
    expect(modal.callbackId).toBe(CALLBACK.importFile);
    const preview = await readFile(other, modal, workbook);
    expect(textOf(preview)).toContain("3");
    expect(modal.callbackId).toBe(CALLBACK.importConfirm);
    const saved = await confirm(other, modal);
    // The file name is shown escaped (a word joiner keeps "name.xlsx" from becoming a link).
    expect(textOf(saved).replace(/\u2060/g, "")).toContain(workbook.name);

    const source = (await h.assistant.services.profiles.get(teamOf(h))).profile;
    const target = await other.assistant.services.profiles.get(teamOf(other));
    expect(target.revision).toBe(1);
    const coverage = (x: Harness, p: typeof source) =>
      x.assistant.services.engine.obligations(p, x.now).coverage;
    expect(coverage(other, target.profile)).toEqual(coverage(h, source));
    expect(target.profile.audits.external.map(({ id: _, ...a }) => a)).toEqual(
      source.audits.external.map(({ id: _, ...a }) => a),
    );
    const [entry] = await other.assistant.services.profiles.history(teamOf(other));
    expect(entry?.summary).toBe(`imported 3 audits from ${workbook.name}`);
  });

  it("reads the audits CSV of an export too, and refuses to import the same audits twice", async () => {
    await seed(h);
    const { files } = await exportAs(h, PEOPLE.admin);
    const csv = files.find((f) => f.name.startsWith("ismap-audits")) as Uploaded;
    const other = await harness();
    const first = await openByCommand(other, "import", PEOPLE.admin);
    await readFile(other, first.modal, csv);
    await confirm(other, first.modal);
    const again = await openByCommand(other, "import", PEOPLE.admin);
    const preview = await readFile(other, again.modal, csv);
    expect(again.modal.callbackId).not.toBe(CALLBACK.importConfirm);
    expect(textOf(preview)).toContain(ja("records.import.problem.duplicate"));
    expect((await other.assistant.services.profiles.get(teamOf(other))).revision).toBe(1);
  });

  it("refuses a file with one bad row, says which row and why, and records nothing", async () => {
    const header = [
      "種別",
      "実施日",
      "基準",
      "統制目標番号（複数可）",
      "監査対象期間（開始）",
      "監査対象期間（終了）",
    ];
    const lines = [
      header.join(","),
      "internal,2024-05-01,,5.1.1 5.1.2,,",
      "internal,2024-06-01,,99.9.9,,",
      "external,2025-01-10,management,,2024-01-01,2024-12-31",
    ];
    const bytes = Buffer.from(`\uFEFF${lines.join("\r\n")}\r\n`, "utf8");
    const { modal } = await openByCommand(h, "import", PEOPLE.admin);
    const preview = await readFile(h, modal, { name: "past-audits.csv", bytes });
    const text = textOf(preview);
    expect(modal.callbackId).toBe(CALLBACK.result);
    expect(text).toContain(
      ja("records.import.refusedRow", {
        row: 3,
        problems: ja("records.import.problem.objective_unknown", { value: "99.9.9" }),
      }),
    );
    expect(text).not.toContain(ja("records.import.confirm", { count: 2 }));
    expect((await h.assistant.services.profiles.get(teamOf(h))).revision).toBe(0);
  });

  it("refuses a future date and a file that is not a spreadsheet, with the limits stated", async () => {
    const { modal } = await openByCommand(h, "import", PEOPLE.admin);
    expect(modal.text).toContain(ja("records.import.limits", { rows: 2000, megabytes: 2 }));
    const future = Buffer.from("type,date,objectives\ninternal,2026-11-27,5.1.1\n", "utf8");
    const preview = await readFile(h, modal, { name: "future.csv", bytes: future });
    expect(textOf(preview)).toContain(ja("records.import.problem.date_future", { value: "2026-11-27" }));

    const second = await openByCommand(h, "import", PEOPLE.admin);
    const given = h.fake.addFile({ name: "notes.txt", bytes: Buffer.from("hello") });
    const { ack } = await second.modal.submitValues({
      [IMPORT_FILE_BLOCK]: { [IMPORT_FILE_ACTION]: { type: "file_input", files: [given] } as never },
    });
    expect(ack?.response_action).toBe("errors");
    expect(ack?.errors?.[IMPORT_FILE_BLOCK]).toContain("notes.txt");
    expect((await h.assistant.services.profiles.get(teamOf(h))).revision).toBe(0);
  });

  it("refuses a file over the size limit, whether Slack names its size or only the download shows it", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024 + 1, 0x41);
    const first = await openByCommand(h, "import", PEOPLE.admin);
    const given = h.fake.addFile({ name: "huge.csv", bytes: big });
    const { ack } = await first.modal.submitValues({
      [IMPORT_FILE_BLOCK]: { [IMPORT_FILE_ACTION]: { type: "file_input", files: [given] } as never },
    });
    expect(ack?.errors?.[IMPORT_FILE_BLOCK]).toBe(
      ja("records.import.tooLarge", { file: "huge.csv", megabytes: 2 }),
    );

    // Without a size in the payload, the app learns it (files.info, or counting the download) and stops there.
    const second = await openByCommand(h, "import", PEOPLE.admin);
    const unsized = h.fake.addFile({ name: "huge2.csv", bytes: big });
    delete unsized.size;
    const since = mark(h);
    const read = await second.modal.submitValues({
      [IMPORT_FILE_BLOCK]: { [IMPORT_FILE_ACTION]: { type: "file_input", files: [unsized] } as never },
    });
    expect(read.ack?.response_action).toBe("update");
    const shown = await second.modal.nextUpdate(since);
    expect(textOf(shown)).toContain(ja("records.import.tooLarge", { file: "huge2\u2060.csv", megabytes: 2 }));
    expect((await h.assistant.services.profiles.get(teamOf(h))).revision).toBe(0);
  });

  it("a tampered confirmation is asked to start again, and one read by someone else has expired", async () => {
    const { modal } = await openByCommand(h, "import", PEOPLE.admin);
    await readFile(h, modal, {
      name: "ok.csv",
      bytes: Buffer.from("type,date,objectives\ninternal,2025-01-10,5.1.1\n"),
    });
    expect(modal.callbackId).toBe(CALLBACK.importConfirm);
    const confirmation = modal.view;
    const tampered = await modal.submitValues(
      {},
      { view: { ...confirmation, private_metadata: '{"pendingId":"x"}' } },
    );
    expect(textOf(tampered.ack?.view)).toContain(ja("errors.staleView"));

    // The owner (also an editor) submits the admin's confirmation: the pending import is the admin's alone.
    const other = await modal.submitValues({}, { as: PEOPLE.owner, view: confirmation });
    expect(textOf(other.ack?.view)).toContain(en("records.import.expired"));
    expect((await h.assistant.services.profiles.get(teamOf(h))).revision).toBe(0);
  });

  it("is for editors only: a member is refused the modal, and a forged confirmation records nothing", async () => {
    const { modal } = await openByCommand(h, "import", PEOPLE.member);
    expect(modal.text).toContain(ja("concise.refusal.what", { action: ja("concise.refusal.action.import") }));
    expect(modal.text).toContain(ja("concise.refusal.howToJoin"));

    // An admin reads a good file; the member then submits that confirmation view as if it were theirs.
    const admin = await openByCommand(h, "import", PEOPLE.admin);
    const bytes = Buffer.from("type,date,objectives\ninternal,2025-01-10,5.1.1\n", "utf8");
    await readFile(h, admin.modal, { name: "ok.csv", bytes });
    expect(admin.modal.callbackId).toBe(CALLBACK.importConfirm);
    const { ack } = await admin.modal.submitValues({}, { as: PEOPLE.member });
    expect(textOf(ack?.view)).toContain(ja("concise.refusal.action.import"));
    expect((await h.assistant.services.profiles.get(teamOf(h))).revision).toBe(0);
  });
});
