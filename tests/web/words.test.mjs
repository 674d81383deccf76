// Words for every term: in each scene the words that explain themselves are
// hovered one by one and each shows its own definition; the help's Words tab
// lists the whole glossary, every word the scenes explain among them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, withApp, until, state, shot } from './browser.mjs';

let server, url;
before(async () => ({ server, url } = await serve({ csp: true })));
after(() => server.close());

// The scenes and tabs with explained words, at least these among them, and
// when the scene has settled (the trained networks' panel grows when the data arrive).
const SCENES = [
  ['v=1&scene=steps', ['max-pooling', 'average-pooling', 'window', 'stride', 'valid-padding', 'same-padding'], () => true],
  ['v=1&scene=shift&in=pixel:16&dx=1', ['zero-fill', 'circular-fill', 'l2-distance', 'consistency', 'blur-pool'], () => true],
  ['v=1&scene=fields', ['receptive-field', 'jump', 'start', 'parameters'], () => true],
  ['v=1&scene=train', ['epoch', 'batch', 'learning-rate', 'augmentation', 'held-out-accuracy'],
    (x) => x.train.data_state === 'ready' && x.train.nets.every((n) => n.status !== 'untrained')],
];

test('each explained word shows its own definition when the mouse rests on it, and the help lists them all', () =>
  withApp(url, {}, async ({ page }) => {
    const explained = new Set();
    for (const [link, wanted, settled] of SCENES) {
      await page.evaluate((f) => { location.hash = f; }, link);
      const s = await until(page, (x) => x.link.includes(link.split('&')[1]) && x.terms.length > 0 && settled(x), `terms in ${link}`, 60000);
      const ids = s.terms.map((t) => t.id);
      for (const w of wanted) assert.ok(ids.includes(w), `${link} explains ${w}: ${ids.join(', ')}`);
      const view = page.viewportSize();
      let hovered = 0;
      for (const id of ids) {
        explained.add(id);
        // Where it is now (a panel moves when the data arrive, for one); a word below the fold (the panel
        // scrolls) is offered but not hovered.
        const t = (await state(page)).terms.find((x) => x.id === id);
        assert.ok(t, `${id} still on screen in ${link}`);
        if (t.y < 0 || t.y > view.height - 4 || t.x < 0 || t.x > view.width - 4) continue;
        await page.mouse.move(t.x, t.y);
        await until(page, (x) => x.term_showing === id, `${id} explains itself at (${t.x}, ${t.y}) in ${link}`);
        hovered += 1;
      }
      assert.ok(hovered >= 3, `${hovered} words hovered in ${link}`);
      await page.mouse.move(2, 790);  // away from every word: no definition
      await until(page, (x) => x.term_showing === '', `no definition away from the words in ${link}`);
    }
    await page.evaluate(() => Module.ccall('poollab_command', null, ['string'], ['help-words']));
    const s = await until(page, (x) => x.help && x.help_tab === 1 && x.help_words.length > 0, 'the help on its Words tab');
    await shot(page, 'web-help-words');
    assert.ok(s.help_words.length >= 30, `${s.help_words.length} words`);
    assert.equal(new Set(s.help_words).size, s.help_words.length, 'no word twice');
    for (const id of explained) assert.ok(s.help_words.includes(id), `the help lists ${id}`);
    await page.keyboard.press('Escape');
    await until(page, (x) => !x.help, 'help closed');
  }));

test('Try this: the card lists the scene\'s tasks, and one ticks itself when the student does it', () => withApp(url, {}, async ({ page }) => {
  let s = await until(page, (x) => x.scene === 'steps' && x.tasks.length >= 2, 'the steps scene and its tasks');
  assert.ok(s.tasks.every((t) => !t.done), `nothing done at the start: ${JSON.stringify(s.tasks)}`);
  assert.equal(s.try_folded, false, 'the card is open');
  // The third window of the course example is max(6, 1, 0, 4) = 6.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  s = await until(page, (x) => x.tasks.find((t) => t.id === 'steps-find-6').done, 'the task ticked');
  assert.equal(s.steps.current.result, 6);
  // Stepping on keeps it ticked: it was done in this visit.
  await page.keyboard.press('ArrowRight');
  s = await until(page, (x) => x.steps.step === 3, 'the next step');
  assert.ok(s.tasks.find((t) => t.id === 'steps-find-6').done);
  await shot(page, 'web-try-this');
}));
