// "Show the code": the step scene's program is the one `poollab code` writes
// for the state on screen, follows an edit, copies, and closes with Esc.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { serve, withApp, state, until, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

const CLI = process.env.POOLLAB_CLI;
const cliCode = (lang, s) => execFileSync(CLI, ['code', '--lang', lang, '--op', s.op, '--size', s.size.join('x'), '--stride', s.stride.join('x'),
  '--padding', s.padding], { input: s.input.values.map((r) => r.join(',')).join('\n') + '\n' }).toString();

test('the code window shows the program poollab code writes for the state on screen, follows an edit and copies it', () => withApp(url, {}, async ({ page }) => {
  await page.evaluate(() => Module.ccall('poollab_open_link', null, ['string'], ['v=1&scene=steps&op=average&pad=same&size=3&stride=2&in=course']));
  await until(page, (x) => x.steps.op === 'average' && x.steps.padding === 'same', 'the state');
  await page.keyboard.press('c');
  let s = await until(page, (x) => x.steps_view.code.open && x.steps_view.code.text.length > 0, 'the code window');
  assert.equal(s.steps_view.code.lang, 'numpy');
  assert.equal(s.steps_view.code.text, cliCode('numpy', s.steps), 'the same program as the CLI writes');
  assert.match(s.steps_view.code.text, /average pooling, window 3×3, stride 2×2, 'same' padding, on a 4×4 input/);
  await shot(page, 'web-code-numpy');
  // An edit in the panel (P: valid padding) shows in the program at once.
  await page.mouse.click(10, 790);  // the scene, not the code window, takes the key
  await page.keyboard.press('p');
  s = await until(page, (x) => x.steps.padding === 'valid' && x.steps_view.code.text.includes("'valid' padding"), 'the program follows');
  assert.equal(s.steps_view.code.text, cliCode('numpy', s.steps));
  await page.mouse.click(...s.steps_view.code.copy);
  await until(page, async () => true, 'copied');
  const copied = await page.evaluate(() => window.poollab.copied);
  assert.equal(copied, s.steps_view.code.text, 'Copy puts the whole program on the clipboard');
  await page.keyboard.press('Escape');
  await until(page, (x) => !x.steps_view.code.open, 'Esc closes it');
}));
