import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectColorLevel, parseColorOption, resolveColorLevel } from '../../source/render/color-level.js';

const tty = (env: Record<string, string>) => detectColorLevel(env, true);

test('NO_COLOR (non-empty) disables colour even in a truecolor terminal; empty NO_COLOR is ignored', () => {
  assert.equal(tty({ NO_COLOR: '1', COLORTERM: 'truecolor', TERM: 'xterm-256color' }), 0);
  assert.equal(tty({ NO_COLOR: '', COLORTERM: 'truecolor' }), 3);
});

test('COLORTERM truecolor or 24bit -> 3', () => {
  assert.equal(tty({ TERM: 'xterm-256color', COLORTERM: 'truecolor' }), 3);
  assert.equal(tty({ TERM: 'xterm', COLORTERM: '24bit' }), 3);
});

test('TERM *-256color -> 2; plain xterm/linux -> 1; unknown TERM -> 0', () => {
  assert.equal(tty({ TERM: 'xterm-256color' }), 2);
  assert.equal(tty({ TERM: 'rxvt-unicode-256color' }), 2);
  assert.equal(tty({ TERM: 'xterm' }), 1);
  assert.equal(tty({ TERM: 'linux' }), 1);
  assert.equal(tty({ TERM: 'mystery' }), 0);
  assert.equal(tty({}), 0);
});

test('other COLORTERM values give at least basic colour', () => {
  assert.equal(tty({ TERM: 'mystery', COLORTERM: 'yes' }), 1);
});

test('tmux/screen: TMUX with TERM screen or tmux and no COLORTERM -> 2', () => {
  assert.equal(tty({ TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'screen' }), 2);
  assert.equal(tty({ TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'tmux-256color' }), 2);
  assert.equal(tty({ TMUX: '/tmp/tmux-1000/default,1,0', TERM: 'screen', COLORTERM: 'truecolor' }), 3);
  assert.equal(tty({ TERM: 'screen' }), 1); // GNU screen without tmux: basic only
});

test('TERM=dumb -> 0 unless forced', () => {
  assert.equal(tty({ TERM: 'dumb', COLORTERM: 'truecolor' }), 0);
  assert.equal(tty({ TERM: 'dumb', FORCE_COLOR: '2' }), 2);
});

test('not a TTY -> 0 unless FORCE_COLOR', () => {
  assert.equal(detectColorLevel({ TERM: 'xterm-256color', COLORTERM: 'truecolor' }, false), 0);
  assert.equal(detectColorLevel({ TERM: 'xterm-256color', FORCE_COLOR: '1' }, false), 2);
});

test('FORCE_COLOR: 0/false disable, ""/true/1 are a floor of 1, numbers clamp to 3, wins over NO_COLOR', () => {
  assert.equal(tty({ TERM: 'xterm-256color', COLORTERM: 'truecolor', FORCE_COLOR: '0' }), 0);
  assert.equal(tty({ COLORTERM: 'truecolor', FORCE_COLOR: 'false' }), 0);
  assert.equal(tty({ TERM: 'mystery', FORCE_COLOR: '' }), 1);
  assert.equal(tty({ TERM: 'mystery', FORCE_COLOR: 'true' }), 1);
  assert.equal(tty({ TERM: 'mystery', FORCE_COLOR: '9' }), 3);
  assert.equal(tty({ TERM: 'xterm', COLORTERM: 'truecolor', FORCE_COLOR: '1' }), 3); // a floor, not a cap
  assert.equal(tty({ NO_COLOR: '1', FORCE_COLOR: '2' }), 2);
  assert.equal(tty({ TERM: 'xterm-256color', FORCE_COLOR: 'banana' }), 2); // invalid: ignored
});

test('known truecolor terminals without COLORTERM', () => {
  assert.equal(tty({ TERM: 'xterm-kitty' }), 3);
  assert.equal(tty({ TERM: 'xterm-256color', TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.4.19' }), 3);
  assert.equal(tty({ TERM: 'xterm-256color', TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '2.9' }), 2);
  assert.equal(tty({ TERM: 'xterm-256color', TERM_PROGRAM: 'Apple_Terminal' }), 2);
});

test('parseColorOption maps --color values and rejects others', () => {
  assert.equal(parseColorOption('truecolor'), 3);
  assert.equal(parseColorOption('256'), 2);
  assert.equal(parseColorOption('16'), 1);
  assert.equal(parseColorOption('none'), 0);
  assert.equal(parseColorOption('auto'), 'auto');
  assert.equal(parseColorOption(' TrueColor '), 3);
  assert.equal(parseColorOption('24bit'), 3);
  assert.equal(parseColorOption('8'), undefined);
  assert.equal(parseColorOption(''), undefined);
});

test('resolveColorLevel: explicit option overrides detection, auto detects', () => {
  const env = { TERM: 'xterm-256color', NO_COLOR: '1' };
  assert.equal(resolveColorLevel(3, env, false), 3);
  assert.equal(resolveColorLevel('auto', env, true), 0);
  assert.equal(resolveColorLevel('auto', { TERM: 'xterm-256color' }, true), 2);
});
