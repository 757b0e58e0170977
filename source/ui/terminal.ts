// Alternate screen and cursor handling that is always undone: on normal exit, on error and on signals.
const ENTER = '\x1b[?1049h\x1b[H\x1b[2J';
const LEAVE = '\x1b[?25h\x1b[?1049l';

let active = false;

export function restoreTerminal(): void {
  if (!active) return;
  active = false;
  if (process.stdin.isTTY && process.stdin.isRaw) process.stdin.setRawMode(false);
  process.stdout.write(LEAVE);
}

export async function withAlternateScreen<T>(body: () => Promise<T>): Promise<T> {
  if (!process.stdout.isTTY) return body();
  active = true;
  process.stdout.write(ENTER);
  const onSignal = (signal: NodeJS.Signals) => {
    restoreTerminal();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('exit', restoreTerminal);
  try {
    return await body();
  } finally {
    restoreTerminal();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
  }
}
