import { strict as assert } from 'node:assert';
import { BoundedMap } from '../../src/core/boundedMap';

describe('BoundedMap: what a session accumulates stays bounded', () => {
  it('keeps the most recently set entries up to its limit', () => {
    const map = new BoundedMap<string, number>(3);
    for (const [index, key] of ['a', 'b', 'c', 'd', 'e'].entries()) map.set(key, index);
    assert.equal(map.size, 3);
    assert.deepEqual(['a', 'b', 'c', 'd', 'e'].map((key) => map.get(key)), [undefined, undefined, 2, 3, 4]);
  });

  it('setting an entry again makes it the newest, so it outlives older ones', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    assert.equal(map.get('a'), 3);
    assert.equal(map.get('b'), undefined);
  });
});
