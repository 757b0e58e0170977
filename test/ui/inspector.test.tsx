import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { render } from 'ink-testing-library';
import React from 'react';
import { InspectSession } from '../../source/services/inspect-session.js';
import { InspectorApp } from '../../source/ui/inspector/InspectorApp.js';
import { KEYMAP } from '../../source/ui/keymap.js';
import { makeImageTree, makeTinyModel, tempDir } from '../helpers/fixtures.js';

const KEY = { right: '\u001B[C', left: '\u001B[D', up: '\u001B[A', down: '\u001B[B', pageDown: '\u001B[6~', enter: '\r', escape: '\u001B' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let current: { lastFrame(): string | undefined } | undefined;
/** Waits `ms`, then until the frame has stopped changing (robust on a busy machine). */
async function tick(ms = 30) {
  await sleep(ms);
  let last = current?.lastFrame();
  for (let i = 0; i < 40; i++) {
    await sleep(25);
    const now = current?.lastFrame();
    if (now === last) return;
    last = now;
  }
}

let dir: ReturnType<typeof tempDir>;
let session: InspectSession;

before(async () => {
  dir = tempDir();
  const model = await makeTinyModel(dir.path, { classNames: ['cats', 'dogs'] });
  const images = await makeImageTree(`${dir.path}/data`, ['cats', 'dogs'], 3);
  session = await InspectSession.open({ model, images, seed: 3, interpolation: 'nearest' });
});
after(() => dir.cleanup());

async function open(size = { columns: 100, rows: 40 }) {
  const first = await session.first();
  const app = render(<InspectorApp session={session} first={first} colormap="viridis" level={0} patience={2} size={size} />);
  current = app;
  await tick();
  return app;
}

const layerLine = (frame = '') => frame.split('\n').find((l) => l.startsWith('layer ')) ?? '';

test('→ and ← step through the layers: name and shape change', async () => {
  const app = await open();
  assert.match(layerLine(app.lastFrame()), /^layer 1\/7 conv2d \(Conv2D\) · 30×30×4/);
  app.stdin.write(KEY.right);
  await tick();
  assert.match(layerLine(app.lastFrame()), /^layer 2\/7 max_pooling2d \(MaxPooling2D\) · 15×15×4/);
  app.stdin.write('l');
  await tick();
  assert.match(layerLine(app.lastFrame()), /^layer 3\/7 conv2d_1 .* 13×13×8/);
  app.stdin.write(KEY.left);
  app.stdin.write('h');
  await tick();
  assert.match(layerLine(app.lastFrame()), /^layer 1\/7 conv2d /);
  app.stdin.write(KEY.left); // already at the first layer: stays
  await tick();
  assert.match(layerLine(app.lastFrame()), /^layer 1\/7 /);
  app.unmount();
});

test('a vector layer shows a strip and numbers, not a blank', async () => {
  const app = await open();
  for (let i = 0; i < 5; i++) app.stdin.write(KEY.right);
  await tick();
  const frame = app.lastFrame() ?? '';
  assert.match(layerLine(frame), /^layer 6\/7 dense \(Dense\) · 16 /);
  assert.match(frame, /16 values/);
  assert.match(frame, /[▁▂▃▄▅▆▇█]/);
  app.unmount();
});

test('r loads another image and its prediction', async () => {
  const app = await open();
  const imageLine = () => (app.lastFrame() ?? '').split('\n').find((l) => l.startsWith('image ')) ?? '';
  const before = imageLine();
  assert.match(before, /predicted (cats|dogs) \d\.\d\d/);
  app.stdin.write('r');
  await tick(300);
  assert.notEqual(imageLine(), before);
  assert.match(imageLine(), /predicted (cats|dogs) \d\.\d\d/);
  app.unmount();
});

test('? shows every binding of the keymap table', async () => {
  const app = await open();
  app.stdin.write('?');
  await tick();
  const frame = app.lastFrame() ?? '';
  for (const binding of KEYMAP) assert.ok(frame.includes(binding.help), `help lists "${binding.help}"`);
  app.stdin.write(KEY.escape);
  await tick();
  assert.ok(!(app.lastFrame() ?? '').includes('closes this help'));
  app.unmount();
});

test('the help bar comes from the keymap and follows the mode', async () => {
  const app = await open();
  const bar = () => (app.lastFrame() ?? '').split('\n').find((l) => l.includes(' │ ')) ?? '';
  assert.match(bar(), /zoom/);
  assert.match(bar(), /quit/);
  app.stdin.write('z');
  await tick();
  assert.doesNotMatch(bar(), /zoom/);
  assert.match(bar(), /back/);
  app.unmount();
});

test('zoom shows one filter, arrows move between filters, Esc returns to the grid', async () => {
  const app = await open();
  const caption = () => (app.lastFrame() ?? '').split('\n').find((l) => l.includes(' │ '))?.split(' │ ')[0] ?? '';
  assert.match(caption(), /^filters 1–4 of 4$/);
  app.stdin.write(KEY.enter);
  await tick();
  assert.match(caption(), /^filter 1 of 4/);
  app.stdin.write(KEY.right);
  await tick();
  assert.match(caption(), /^filter 2 of 4/);
  app.stdin.write(KEY.right);
  app.stdin.write(KEY.right);
  app.stdin.write(KEY.right);
  await tick();
  assert.match(caption(), /^filter 4 of 4/, 'stops at the last filter');
  assert.match(layerLine(app.lastFrame()), /^layer 1\/7 /, 'arrows move filters, not layers, while zoomed');
  app.stdin.write(KEY.escape);
  await tick();
  assert.match(caption(), /^filters 1–4 of 4$/);
  app.unmount();
});

test('filters that do not fit are paged with PgDn/↓ and PgUp/↑', async () => {
  // 8 filters of 13×13 in a 30×6-cell area: at the 6-px minimum tile only 4 fit per page.
  const app = await open({ columns: 30, rows: 11 });
  const caption = () => (app.lastFrame() ?? '').split('\n').find((l) => l.startsWith('filters'))?.split(' │')[0] ?? '';
  app.stdin.write('l');
  app.stdin.write('l');
  await tick();
  const first = caption();
  const pages = Number(/page 1\/(\d+)/.exec(first)?.[1]);
  assert.ok(pages > 1, `paged: ${first}`);
  app.stdin.write(KEY.pageDown);
  await tick();
  assert.match(caption(), new RegExp(`page 2/${pages}`));
  app.stdin.write(KEY.up);
  await tick();
  assert.match(caption(), new RegExp(`page 1/${pages}`));
  app.stdin.write(KEY.up); // no page 0
  await tick();
  assert.match(caption(), new RegExp(`page 1/${pages}`));
  app.unmount();
});

test('a window too small says so instead of drawing garbage', async () => {
  const app = await open({ columns: 19, rows: 9 });
  const frame = app.lastFrame() ?? '';
  assert.match(frame, /window too sma/);
  assert.ok(!/[▀▄█]/.test(frame), 'no picture drawn');
  app.unmount();
});

test('c opens the charts view (no history here: says how to get one) and c returns', async () => {
  const app = await open();
  app.stdin.write('c');
  await tick(100);
  assert.match(app.lastFrame() ?? '', /No training history found/);
  app.stdin.write('c');
  await tick();
  assert.match(app.lastFrame() ?? '', /filters 1–4 of 4/);
  app.unmount();
});

test('q quits', async () => {
  const app = await open();
  app.stdin.write('q');
  await tick();
  // After exit Ink stops reacting to input: stepping no longer changes the frame.
  const frame = app.lastFrame();
  app.stdin.write(KEY.right);
  await tick();
  assert.equal(app.lastFrame(), frame);
  app.unmount();
});

test('a resize storm (100 sizes in well under 2 s, some below the minimum) ends in a clean frame', async () => {
  const first = await session.first();
  const app = render(<InspectorApp session={session} first={first} colormap="viridis" level={0} patience={2} />);
  current = app;
  let size = { columns: 100, rows: 40 };
  Object.defineProperty(app.stdout, 'columns', { get: () => size.columns, configurable: true });
  Object.defineProperty(app.stdout, 'rows', { get: () => size.rows, configurable: true });
  const t0 = performance.now();
  for (let i = 0; i < 100; i++) {
    size = { columns: 8 + ((i * 37) % 190), rows: 4 + ((i * 23) % 60) };
    app.stdout.emit('resize');
    if (i % 10 === 0) app.stdin.write(i % 20 ? KEY.right : KEY.left);
    await sleep(2);
  }
  assert.ok(performance.now() - t0 < 2000);
  size = { columns: 12, rows: 8 };
  app.stdout.emit('resize');
  await tick();
  assert.match(app.lastFrame() ?? '', /window too/, 'says so, cut to the width');
  size = { columns: 100, rows: 40 };
  app.stdout.emit('resize');
  await tick(50);
  const frame = app.lastFrame() ?? '';
  assert.match(frame, /^layer \d\/7 /m);
  assert.ok(frame.split('\n').every((l) => [...l.replace(/\x1b\[[0-9;]*m/g, '')].length <= 100), 'fits the restored width');
  assert.doesNotMatch(frame, /window too small/);
  app.unmount();
});

test('several keys in one read (slow links, key repeat) each count, in order', async () => {
  const app = await open();
  app.stdin.write('ll');
  await tick();
  assert.match(layerLine(app.lastFrame()), /^layer 3\/7 /);
  app.stdin.write('hzl'); // back one layer, zoom, then → moves inside the zoom
  await tick();
  assert.match(layerLine(app.lastFrame()), /^layer 2\/7 /);
  assert.match(app.lastFrame() ?? '', /filter 2 of 4/);
  app.unmount();
});

test('i shows the input image as the model sees it; ←→ wait until Esc returns to the maps', async () => {
  const app = await open();
  app.stdin.write('i');
  await tick();
  const frame = app.lastFrame() ?? '';
  assert.match(frame, /input 32×32×3 as the model sees it · original 48×40/);
  assert.match(frame, /[ .:\-=+*#%@]{10,}/, 'the picture (ASCII ramp at colour level 0)');
  app.stdin.write(KEY.right);
  await tick();
  assert.match(layerLine(app.lastFrame()), /^layer 1\/7 /);
  app.stdin.write(KEY.escape);
  await tick();
  assert.match(app.lastFrame() ?? '', /filters 1–4 of 4/);
  app.unmount();
});

test('on a vector layer the bar offers no paging or zoom', async () => {
  const app = await open();
  for (let i = 0; i < 5; i++) app.stdin.write('l');
  await tick();
  const bar = (app.lastFrame() ?? '').split('\n').find((l) => l.includes(' │ ')) ?? '';
  assert.match(bar, /^16 values │/);
  assert.doesNotMatch(bar, /zoom|page/);
  app.stdin.write('z');
  await tick();
  assert.match((app.lastFrame() ?? '').split('\n').find((l) => l.includes(' │ ')) ?? '', /^16 values/, 'z does nothing');
  app.unmount();
});

test('in a narrow window the help bar drops keys from the middle and keeps help and quit', async () => {
  const app = await open({ columns: 60, rows: 30 });
  const bar = (app.lastFrame() ?? '').split('\n').find((l) => l.includes(' │ ')) ?? '';
  assert.ok([...bar].length <= 60, bar);
  assert.match(bar, /\? help {2}q quit$/);
  assert.match(bar, /←→ layer/);
  app.unmount();
});
