/**
 * `npm run faq:report`: prints the questions people marked unhelpful, per language, from the store named by
 * STORE_URL (the same store the app uses), so the rules operator can add FAQ entries for them.
 */
import { DEFAULT_STORE_URL, openStore } from "../store/keyv-factory.js";
import { unhelpfulReport } from "./report.js";
import { FeedbackRepository } from "./repository.js";

async function main(): Promise<void> {
  const store = openStore(process.env.STORE_URL ?? DEFAULT_STORE_URL);
  try {
    process.stdout.write(unhelpfulReport(await new FeedbackRepository(store).all()));
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`faq:report: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
