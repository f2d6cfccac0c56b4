/**
 * What an operation may return besides a value or a `Page`: each protocol family turns these into its response
 * (a redirect, a file download, or no content). `null` also means no content.
 */
export class Redirect {
  constructor(
    readonly location: string,
    readonly status: 302 | 303 | 307 = 302,
  ) {}
}

export class FileResult {
  constructor(
    readonly body: ReadableStream<Uint8Array> | Uint8Array | string,
    readonly contentType: string,
    /** Suggested file name; `attachment` downloads it, `inline` shows it in the browser. */
    readonly filename: string | null = null,
    readonly disposition: "attachment" | "inline" = "attachment",
  ) {}
}

export class NoContent {}

export const NO_CONTENT = new NoContent();
