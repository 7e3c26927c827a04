import * as assert from 'node:assert/strict';
import { OnFirstUse } from '../../../src/core/lazy/onFirstUse';

describe('OnFirstUse', () => {
  it('makes nothing until asked, then makes once and keeps it', () => {
    let made = 0;
    const lazy = new OnFirstUse(() => ({ id: ++made }));
    assert.strictEqual(made, 0);
    assert.strictEqual(lazy.ifMade, undefined);
    const first = lazy.get();
    assert.strictEqual(lazy.get(), first);
    assert.strictEqual(lazy.ifMade, first);
    assert.strictEqual(made, 1);
  });

  it('keeps a value that is undefined instead of making it again', () => {
    let made = 0;
    const lazy = new OnFirstUse<undefined>(() => void made++);
    lazy.get();
    lazy.get();
    assert.strictEqual(made, 1);
  });

  it('tries again when making it threw', () => {
    let attempts = 0;
    const lazy = new OnFirstUse(() => {
      if (++attempts === 1) throw new Error('not yet');
      return 'ok';
    });
    assert.throws(() => lazy.get(), /not yet/);
    assert.strictEqual(lazy.get(), 'ok');
  });
});
