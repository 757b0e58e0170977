/** A model that cannot be loaded; the message names the file and what is wrong, on one line. */
export class ModelLoadError extends Error {
  constructor(readonly file: string, reason: string) {
    super(`${file}: ${reason}`);
  }
}
