/** The bot token only ever goes to Slack's file host (or the configured Web API's own host). */
import type { WebClient } from "@slack/web-api";
import { describe, expect, it } from "vitest";
import { startSlackEmulator } from "../../dev/slack-emulator/index.js";
import { downloadSlackFile, FileTooLargeError } from "../../src/slack/runtime/file-download.js";

const clientAnswering = (file: Record<string, unknown>) =>
  ({
    token: "xoxb-test",
    slackApiUrl: "http://127.0.0.1:9/api/",
    files: { info: async () => ({ ok: true, file }) },
  }) as unknown as WebClient;

describe("downloadSlackFile", () => {
  it("refuses an address on another host before sending anything", async () => {
    await expect(
      downloadSlackFile(
        clientAnswering({ name: "a.csv", url_private_download: "http://example.org/a.csv" }),
        "F1",
        100,
      ),
    ).rejects.toThrow(/refusing to download from http:\/\/example\.org/);
  });

  it("refuses a file whose declared size is over the limit", async () => {
    await expect(
      downloadSlackFile(
        clientAnswering({ name: "a.csv", size: 101, url_private_download: "https://files.slack.com/x" }),
        "F1",
        100,
      ),
    ).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it("stops a download that runs past the limit even when no size was declared", async () => {
    const fake = await startSlackEmulator();
    try {
      const given = fake.addFile({ name: "b.csv", bytes: Buffer.alloc(500, 0x41) });
      const client = {
        token: fake.botToken,
        slackApiUrl: fake.url,
        files: { info: async () => ({ ok: true, file: { ...given, size: undefined } }) },
      } as unknown as WebClient;
      await expect(downloadSlackFile(client, String(given.id), 100)).rejects.toBeInstanceOf(
        FileTooLargeError,
      );
      const whole = await downloadSlackFile(client, String(given.id), 1000);
      expect(whole.bytes.length).toBe(500);
    } finally {
      await fake.close();
    }
  });
});
