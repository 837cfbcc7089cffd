/** The languages the product speaks, and text a person reads in each of them. */
import { z } from "zod";

/** Text a person reads, in both languages the product speaks. */
export const LocalizedText = z.object({
  ja: z.string().min(1, "missing Japanese text"),
  en: z.string().min(1, "missing English text"),
});
export type LocalizedText = z.infer<typeof LocalizedText>;
export type Locale = keyof LocalizedText;
export const LOCALES: readonly Locale[] = ["ja", "en"];
