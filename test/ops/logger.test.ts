/** The logger handed to Bolt: one JSON object per line in production, readable lines in development. */
import { Writable } from "node:stream";
import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/ops/logger.js";

function sink(): { stream: Writable; lines: () => string[] } {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, lines: () => text.split("\n").filter((line) => line !== "") };
}

describe("createLogger", () => {
  it("json: one object per line with level, time and the message Bolt's arguments make", () => {
    const out = sink();
    const logger = createLogger({ level: "info", format: "json", destination: out.stream });
    logger.info("listening", { port: 3000 });
    logger.error(new Error("boom"));
    logger.debug("not shown at info");
    const [first, second, ...rest] = out.lines().map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ level: 30, msg: 'listening {"port":3000}' });
    expect(typeof first?.time).toBe("number");
    expect(second).toMatchObject({ level: 50 });
    expect(String(second?.msg)).toContain("Error: boom");
  });

  it("follows Bolt's setLevel and setName", () => {
    const out = sink();
    const logger = createLogger({ level: "info", format: "json", destination: out.stream });
    logger.setLevel(LogLevel.DEBUG);
    logger.setName("bolt-app");
    logger.debug("now shown");
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
    expect(JSON.parse(out.lines()[0] as string)).toMatchObject({
      level: 20,
      name: "bolt-app",
      msg: "now shown",
    });
  });

  it("pretty: readable lines, not JSON", () => {
    const out = sink();
    const logger = createLogger({ level: "info", format: "pretty", destination: out.stream });
    logger.warn("store slow");
    const [line] = out.lines();
    expect(line).toContain("WARN");
    expect(line).toContain("store slow");
    expect(() => JSON.parse(line as string)).toThrow();
  });
});
