// Error classes every layer may throw; cli.tsx turns them into one line and an exit code (app/errors.ts).

/** A wrong flag or argument: exit code 2. */
export class UsageError extends Error {}
/** Anything else the user can fix (a path, a file, the environment): exit code 1. */
export class UserError extends Error {}
