// The TensorFlow.js programs `poollab code --lang tfjs` writes (the app's
// Code button shows the same) run here against npm @tensorflow/tfjs and must
// print what `poollab pool` prints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { CLI, rng, randomGrid, toCsv } from './common.mjs';

const require = createRequire(import.meta.url);
const CASES = 60;

// Runs a program with `require` and a console of its own; the numeric lines it printed.
function runProgram(program) {
  const lines = [];
  const console = { log: (...a) => lines.push(a.join(' ')), warn: () => {}, info: () => {} };
  new Function('require', 'console', program)(require, console);
  return lines.join('\n').split('\n').filter((l) => /^-?[0-9]/.test(l)).map((l) => l.split(',').map(Number));
}

const cli = (args, input) => execFileSync(CLI, args, { input, stdio: ['pipe', 'pipe', 'pipe'] }).toString();

// Runs one configuration's program and checks it cell by cell against `poollab pool --json`; false if
// the window does not fit (tests/code/run_snippets.py checks the refusal). Infinity - 3e38 is Infinity,
// which passes `<= 1e-5 * Infinity`: a cell must be finite before its difference is compared.
function matchesPool(grid, opts) {
  let want;
  try {
    want = JSON.parse(cli(['pool', '--json', ...opts], toCsv(grid))).output;
  } catch (e) {
    return false;
  }
  const got = runProgram(cli(['code', '--lang', 'tfjs', ...opts], toCsv(grid)));
  assert.equal(got.length, want.length, `${opts.join(' ')}: rows`);
  got.forEach((row, r) => row.forEach((v, c) => assert.ok(Number.isFinite(v) && Math.abs(v - want[r][c]) <= 1e-5 * Math.max(1, Math.abs(v)),
    `${opts.join(' ')} on ${JSON.stringify(grid)}: (${r}, ${c}) is ${v}, pool says ${want[r][c]}`)));
  return true;
}

test(`TensorFlow.js programs print what poollab pool prints, on ${CASES} random configurations`, () => {
  const random = rng(11);
  const pick = (n) => 1 + Math.floor(random() * n);
  let ran = 0;
  for (let i = 0; i < CASES; ++i) {
    const grid = randomGrid(random, pick(9), pick(9));
    const op = ['max', 'average', 'min'][Math.floor(random() * 3)];
    const opts = ['--op', op, '--size', `${pick(4)}x${pick(4)}`, '--stride', `${pick(3)}x${pick(3)}`, '--padding', random() < 0.5 ? 'valid' : 'same'];
    if (!matchesPool(grid, opts)) continue;
    ++ran;
  }
  assert.ok(ran > CASES / 2, `${ran} programs ran`);
});

test('TensorFlow.js programs average values near float32\'s largest (3.4e38) without overflowing to Infinity', () => {
  const random = rng(13);
  const pick = (n) => 1 + Math.floor(random() * n);
  const huge = [3e38, -3e38, 3.4028234663852886e38, 1.7e38, 2.5, -1e-45];
  assert.ok(matchesPool([[3e38, 3e38], [3e38, 3e38]], ['--op', 'average']));  // the audit's case: 3e+38, not inf
  let ran = 0;
  for (let i = 0; i < 24; ++i) {
    const cols = pick(6);
    const grid = Array.from({ length: pick(6) }, () => Array.from({ length: cols },
      () => (random() < 0.7 ? huge[Math.floor(random() * 2)] : huge[Math.floor(random() * huge.length)])));
    const opts = ['--op', ['average', 'average', 'max', 'min'][Math.floor(random() * 4)], '--size', `${pick(4)}x${pick(4)}`, '--stride', `${pick(2)}`,
      '--padding', random() < 0.5 ? 'valid' : 'same'];
    if (matchesPool(grid, opts)) ++ran;
  }
  assert.ok(ran > 8, `${ran} programs ran`);
});

test('the course example through TensorFlow.js: 9, 8, 6, 5', () => {
  assert.deepEqual(runProgram(cli(['code', '--lang', 'tfjs'], '1,3,4,8\n2,9,1,2\n6,1,3,5\n0,4,2,1\n')), [[9, 8], [6, 5]]);
});
