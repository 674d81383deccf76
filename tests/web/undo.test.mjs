// Undo and redo: Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y and the bar's buttons give the
// exact state back, a drag is one step, stepping is not an edit, and Ctrl+Z
// in a text field is the field's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, withApp, state, until, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

const at = (layout, r, c) => [layout.x + (c + 0.5) * layout.cell, layout.y + (r + 0.5) * layout.cell];

test('undo and redo in the step scene: an operation, a typed cell, the buttons; a step is not an edit', () => withApp(url, {}, async ({ page }) => {
  let s = await state(page);
  assert.equal(s.undo.can_undo, false, 'nothing to undo at first');
  await page.keyboard.press('o');
  s = await until(page, (x) => x.steps.op === 'average' && x.undo.back === 1, 'average pooling (O), one step back');
  // Type 12 into the 9. Ctrl+Z while typing belongs to the field (it takes the typing back), not to the scene.
  await page.mouse.click(...at(s.steps_view.input_layout, 1, 1));
  await until(page, (x) => x.steps_view.editing && x.steps_view.edit_active, 'editor open');
  await page.keyboard.type('12');
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(200);
  s = await state(page);
  assert.equal(s.steps.op, 'average', 'Ctrl+Z in the field leaves the scene alone');
  assert.equal(s.undo.back, 1);
  await page.keyboard.press('Control+a');  // whatever the field's undo left, 12 replaces it
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  s = await until(page, (x) => x.steps.input.values[1][1] === 12 && x.undo.back === 2, 'the typed value, two steps back');
  // Two steps forward: views, not edits.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  s = await until(page, (x) => x.steps.step === 2, 'two steps on');
  assert.equal(s.undo.back, 2, 'stepping is not an edit');
  const typed = s.steps;

  await page.keyboard.press('Control+z');
  s = await until(page, (x) => x.steps.input.values[1][1] === 9, 'Ctrl+Z: the 9 is back');
  assert.equal(s.steps.op, 'average', 'the operation stays');
  await page.keyboard.press('Control+z');
  s = await until(page, (x) => x.steps.op === 'max', 'Ctrl+Z again: max');
  assert.deepEqual(s.steps.output.values, [[9, 8], [6, 5]], 'the course example, exactly');
  assert.equal(s.steps.preset, 'course');
  assert.equal(s.undo.can_undo, false);
  await until(page, (x) => x.link.includes('op=max') && x.link.includes('in=course'), 'the link follows');

  await page.keyboard.press('Control+Shift+z');
  await until(page, (x) => x.steps.op === 'average', 'Ctrl+Shift+Z: average again');
  await page.keyboard.press('Control+y');
  s = await until(page, (x) => x.steps.input.values[1][1] === 12, 'Ctrl+Y: 12 again');
  assert.deepEqual(s.steps.output, typed.output);
  assert.equal(s.steps.step, 2, 'and the view it had');
  assert.equal(s.undo.can_redo, false);

  // The bar's buttons do the same.
  await page.mouse.click(...s.buttons.undo);
  s = await until(page, (x) => x.steps.input.values[1][1] === 9, 'the Undo button');
  await page.mouse.click(...s.buttons.redo);
  s = await until(page, (x) => x.steps.input.values[1][1] === 12, 'the Redo button');
  // A new edit ends what could be redone; Reset is an edit that can be undone.
  await page.mouse.click(...s.buttons.undo);
  await until(page, (x) => x.undo.can_redo && x.steps.input.values[1][1] === 9, 'something to redo');
  await page.keyboard.press('p');
  s = await until(page, (x) => x.steps.padding === 'same' && !x.undo.can_redo, 'a new edit ends the redo');
  await page.mouse.click(...s.buttons.reset);
  s = await until(page, (x) => x.steps.padding === 'valid' && x.steps.op === 'max', 'reset');
  await page.keyboard.press('Control+z');
  await until(page, (x) => x.steps.padding === 'same' && x.steps.op === 'average', 'the reset undone');
}));

test('undo in the shift scene: one drag is one step; each scene keeps its own', () => withApp(url, {}, async ({ page }) => {
  await page.keyboard.press('o');  // an edit in the step scene first
  await until(page, (x) => x.steps.op === 'average', 'average pooling');
  await page.keyboard.press('Tab');
  let s = await until(page, (x) => x.scene === 'shift' && x.shift_view.shifted_layout.cell > 0, 'shift scene drawn');
  assert.equal(s.undo.can_undo, false, 'the shift scene has no edits yet');
  const L = s.shift_view.shifted_layout;
  const cx = L.x + 8.5 * L.cell, cy = L.y + 8.5 * L.cell;
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx - 3 * L.cell, cy + 2 * L.cell, { steps: 6 });
  s = await until(page, (x) => x.shift.shift[0] === -3 && x.shift.shift[1] === 2, 'dragged to (-3, 2)');
  assert.equal(s.undo.back, 0, 'no step while the button is held');
  await page.mouse.up();
  s = await until(page, (x) => !x.shift_view.dragging && x.undo.back === 1, 'one step for the whole drag');
  await page.keyboard.press(']');  // a tab is a view
  await until(page, (x) => x.shift.tab !== 'shift', 'another tab');
  await page.keyboard.press('Control+z');
  s = await until(page, (x) => x.shift.shift[0] === 0 && x.shift.shift[1] === 0, 'the drag undone in one step');
  assert.equal(s.undo.can_undo, false);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  s = await until(page, (x) => x.scene === 'steps', 'back at the step scene');
  assert.equal(s.steps.op, 'average');
  await page.keyboard.press('Control+z');
  await until(page, (x) => x.steps.op === 'max', 'its own edit undone there');
}));

test('less motion: with the system\'s reduced-motion setting the window jumps from step to step; the link and the help can choose', () => withApp(url, {}, async ({ page }) => {
  // Where the window is drawn while playing: whole cells only, or also between them.
  const playedPoses = async () => {
    await page.keyboard.press('Home');
    await page.keyboard.press('Space');
    await until(page, (x) => x.steps.playing, 'playing');
    const poses = [];
    await until(page, (x) => {
      poses.push(...x.steps_view.window_at);
      return !x.steps.playing;
    }, 'played to the end', 15000);
    return poses;
  };
  const between = (poses) => poses.filter((p) => Math.abs(p - Math.round(p)) > 0.01).length;

  await page.emulateMedia({ reducedMotion: 'reduce' });
  let s = await until(page, (x) => x.reduce_motion, 'the system\'s setting is seen');
  assert.equal(between(await playedPoses()), 0, 'the window never rests between cells');
  s = await state(page);
  assert.ok(!s.link.includes('motion'), `the system's setting is not written into the link: ${s.link}`);

  await page.emulateMedia({ reducedMotion: 'no-preference' });
  await until(page, (x) => !x.reduce_motion, 'the setting changed back is seen');
  assert.ok(between(await playedPoses()) > 0, 'with full motion the window slides');

  // A teacher's link asks for less motion whatever the system says.
  await page.evaluate(() => Module.ccall('poollab_open_link', null, ['string'], ['v=1&scene=steps&motion=reduce']));
  s = await until(page, (x) => x.reduce_motion && x.link.includes('motion=reduce'), 'motion=reduce from the link');
  assert.equal(between(await playedPoses()), 0);
  // The help names the setting and what it does.
  await page.keyboard.press('?');
  await until(page, (x) => x.help, 'help open');
  await shot(page, 'web-help-motion');
  await page.keyboard.press('Escape');
  await until(page, (x) => !x.help, 'help closed');
}));
