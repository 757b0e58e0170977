// Runs every test/**/*.test.ts(x) with Node's test runner (Node 20 has no glob support in --test).
// Extra arguments narrow the set: `npm test -- charts` runs the files whose path contains "charts".
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? (e.name === 'fixtures' ? [] : walk(join(dir, e.name))) : /\.test\.tsx?$/.test(e.name) ? [join(dir, e.name)] : []);
const filters = process.argv.slice(2);
const files = walk(join(root, 'test')).map((f) => relative(root, f)).sort()
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)));
const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/setup.ts', '--test',
  '--test-concurrency=1', '--test-reporter=./test/reporter.mjs', ...files], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
