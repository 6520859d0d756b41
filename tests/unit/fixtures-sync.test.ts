// The copied fixtures still equal the shared originals (when ../shared is there; a fresh clone
// without it uses the copies as they are).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const pairs: Array<[string, string]> = [
  ['../shared/acceptance', 'tests/fixtures/acceptance'],
  ['../shared/librenms/samples', 'tests/fixtures/librenms'],
];

describe.each(pairs)('%s', (shared, copy) => {
  it.skipIf(!existsSync(shared))(`is copied unchanged into ${copy}`, () => {
    const names = readdirSync(shared).sort();
    expect(readdirSync(copy).sort()).toEqual(names);
    for (const name of names) {
      expect(readFileSync(join(copy, name), 'utf8'), name).toBe(
        readFileSync(join(shared, name), 'utf8'),
      );
    }
  });

  it('has its copy in the repository', () => {
    expect(readdirSync(copy).length).toBeGreaterThan(0);
  });
});
