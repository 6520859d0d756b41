// Packed rows: what goes in comes out, in order, in batches, across buffer boundaries.
import { describe, expect, it } from 'vitest';
import { PackedRows } from '../../src/db/packed-rows.js';

type Row = [number, string, number | null];

describe('PackedRows', () => {
  it('gives the rows back in order, in batches of the asked size', () => {
    const rows = new PackedRows<Row>();
    rows.push([1, 'Gi0/1', null]);
    rows.push([2, 'Gi0/2', 7]);
    rows.push([3, 'Gi0/3', 0]);
    expect(rows.length).toBe(3);
    expect([...rows.batches(2)]).toEqual([
      [
        [1, 'Gi0/1', null],
        [2, 'Gi0/2', 7],
      ],
      [[3, 'Gi0/3', 0]],
    ]);
  });

  it('keeps text with newlines, quotes, backslashes and non-ASCII exactly', () => {
    const rows = new PackedRows<Row>();
    const odd = 'a\nb "q" \\ \u00e9\u4e2d\ud83d\ude00 \r\t\u2028';
    rows.push([1, odd, null]);
    rows.push([2, '', null]);
    expect([...rows.batches(10)]).toEqual([
      [
        [1, odd, null],
        [2, '', null],
      ],
    ]);
  });

  it('spans several 1 MiB buffers, and takes a row larger than a buffer', () => {
    const rows = new PackedRows<Row>();
    const big = 'x'.repeat(1.5 * 2 ** 20);
    for (let i = 0; i < 20_000; i++)
      rows.push([i, `port ${i} ${'y'.repeat(100)}`, i % 3 ? i : null]);
    rows.push([20_000, big, null]);
    rows.push([20_001, 'after', 1]);
    const out = [...rows.batches(400)];
    expect(out.map((b) => b.length)).toEqual([...Array(50).fill(400), 2]);
    const flat = out.flat();
    expect(flat.map((r) => r[0])).toEqual(Array.from({ length: 20_002 }, (_, i) => i));
    expect(flat[12_346]).toEqual([12_346, `port 12346 ${'y'.repeat(100)}`, 12_346]);
    expect(flat[12_345]![2]).toBeNull();
    expect(flat[20_000]![1]).toBe(big);
    expect(flat[20_001]).toEqual([20_001, 'after', 1]);
  });

  it('an empty list has no batches; a bad batch size is refused', () => {
    expect([...new PackedRows<Row>().batches(5)]).toEqual([]);
    expect(() => [...new PackedRows<Row>().batches(0)]).toThrow(RangeError);
  });
});
