/**
 * Loads `.env` from the working directory when there is one (Node's own parser, `process.loadEnvFile`). A variable
 * already in the environment wins: the file only fills in what is missing, so a container's or shell's settings
 * are never overridden by a file left in the image.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** Loads the file if it exists; returns its path when it was loaded. Throws on an unreadable or malformed file. */
export function loadEnvFileIfPresent(path = ".env"): string | undefined {
  const full = resolve(path);
  if (!existsSync(full)) return undefined;
  process.loadEnvFile(full);
  return full;
}
