/** A mistake in how the CLI was called: exit code 2, with `message` as the one-line reason. */
export class UsageError extends Error {}
