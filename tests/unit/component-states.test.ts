// The compact component-state table behaves as a Map of ref → state.
import { describe, expect, it } from 'vitest';
import { ComponentStates, detailsDigest } from '../../src/db/component-states.js';

const state = (status: string, lastDiscovered: number | null, details = '{}') => ({
  status,
  lastDiscovered,
  digest: detailsDigest(details),
});

describe('ComponentStates', () => {
  it('gets what was set, by ref, for devices, ports and refs of other shapes', () => {
    const s = new ComponentStates();
    s.set('device:12', state('up', 1773475924, '{"os":"ios"}'));
    s.set('port:1201', state('down', null));
    s.set('port:0', state('testing', 0));
    s.set('port:007', state('absent', null)); // not canonical: kept by its text
    s.set('odd', state('up', null));
    expect(s.size).toBe(5);
    expect(s.get('device:12')).toEqual(state('up', 1773475924, '{"os":"ios"}'));
    expect(s.get('port:1201')).toEqual({
      status: 'down',
      lastDiscovered: null,
      digest: detailsDigest('{}'),
    });
    expect(s.get('port:0')).toEqual(state('testing', 0));
    expect(s.get('port:007')).toEqual(state('absent', null));
    expect(s.get('port:7')).toBeUndefined();
    expect(s.get('device:1201')).toBeUndefined();
    expect(s.has('odd')).toBe(true);
    expect(s.has('device:13')).toBe(false);
  });

  it('set replaces a state in place; get answers copies', () => {
    const s = new ComponentStates();
    s.set('port:5', state('up', null));
    const copy = s.get('port:5')!;
    copy.status = 'absent';
    expect(s.get('port:5')!.status).toBe('up');
    s.set('port:5', { ...copy, lastDiscovered: 99 });
    expect(s.get('port:5')).toEqual({ ...state('absent', 99) });
    expect(s.size).toBe(1);
  });

  it('iterates every ref once, and grows past its first capacity', () => {
    const s = new ComponentStates();
    for (let i = 1; i <= 3000; i++) s.set(`port:${i}`, state(i % 2 ? 'up' : 'down', i));
    s.set('device:1', state('up', null));
    const all = new Map(s);
    expect(all.size).toBe(3001);
    expect(all.get('port:2999')).toEqual(state('up', 2999));
    expect(all.get('port:3000')).toEqual(state('down', 3000));
    expect(all.get('device:1')).toEqual(state('up', null));
  });

  it('digests tell different details apart and equal details alike', () => {
    expect(detailsDigest('{"ifAlias":"a"}')).toBe(detailsDigest('{"ifAlias":"a"}'));
    expect(detailsDigest('{"ifAlias":"a"}')).not.toBe(detailsDigest('{"ifAlias":"b"}'));
    expect(Number.isSafeInteger(detailsDigest('x'))).toBe(true);
  });
});
