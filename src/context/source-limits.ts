/** How much one `-f` source may bring; documented in docs/context.md. */
export const SOURCE_LIMITS = {
  /** A text file, or a page's text once fetched: past this it is rarely context, mostly a build artefact or a dump. */
  maxTextBytes: 256 * 1024,
  /** All the text of one prompt's sources together (the same bound as piped stdin). */
  maxTotalTextBytes: 8 * 1024 * 1024,
  /** The bytes looked at for a NUL, git's test for a binary file. */
  binarySniffBytes: 8 * 1024,
  /** A response body read from a URL, HTML included before it becomes markdown. */
  maxUrlBytes: 2 * 1024 * 1024,
  /** From the request to the body's last byte. */
  urlTimeoutMs: 30_000,
  /** Redirects followed from a URL; one more is refused. */
  maxRedirects: 3,
} as const;

const KINDS = `a text file (at most ${formatSize(SOURCE_LIMITS.maxTextBytes)}), a directory, a quoted glob, an image or video`;

/** What `-f` takes, as a refusal says it. */
export const ALLOWED_SOURCES = `allowed: ${KINDS}, an http(s) URL, or - for stdin`;

/** What `/file` and `@path` take: the same but stdin, which a chat has no use for (its keys are the terminal's). */
export const ALLOWED_IN_CHAT = `allowed: ${KINDS}, or an http(s) URL`;

/** `256 kB`, `2 MB`: sizes in the units the skipped line and refusals use. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1048576) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} bytes`;
}
