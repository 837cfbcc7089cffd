/** The store could not be reached, timed out, or failed an operation; the caller may retry later. */
export class StoreUnavailableError extends Error {
  override readonly name = "StoreUnavailableError";
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** STORE_URL names no supported store. */
export class StoreUrlError extends Error {
  override readonly name = "StoreUrlError";
}

/** A stored document failed validation (or migration) on read: never returned half-understood. */
export class StoredDocumentInvalidError extends Error {
  override readonly name = "StoredDocumentInvalidError";
  constructor(
    readonly key: string,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`stored document "${key}" is invalid: ${detail}`, options);
  }
}
