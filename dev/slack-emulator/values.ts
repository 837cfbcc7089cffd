/** Reading loosely typed request fields the way Slack does. */
import type { Json } from "./types.js";

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
export const truthy = (value: unknown): boolean =>
  value === true || value === "true" || value === "1" || value === 1;
export const str = (value: unknown): string | undefined =>
  typeof value === "string" && value !== "" ? value : undefined;
