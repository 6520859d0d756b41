// Component references: parsing and resolution (availability.md §2).
import { describe, expect, it } from 'vitest';
import { createResolver, parseRef } from '../../src/domain/refs.js';

describe('parseRef', () => {
  it.each([
    ['device:42', { kind: 'device', id: 42 }],
    ['port:1043', { kind: 'port', id: 1043 }],
    ['device:core-1.example.net', { kind: 'device', hostname: 'core-1.example.net' }],
    [
      'port:acc-27.example.net/ge-0/0/5',
      { kind: 'port', hostname: 'acc-27.example.net', ifName: 'ge-0/0/5' },
    ],
  ])('parses %s', (text, expected) => {
    expect(parseRef(text)).toEqual(expected);
  });

  it.each(['device:', 'port:host', 'port:/x', 'port:host/', 'link:1', '42'])(
    'rejects %s',
    (text) => {
      expect(parseRef(text)).toBeNull();
    },
  );
});

describe('createResolver', () => {
  const resolve = createResolver({
    devices: [
      { id: 1, hostname: 'core-1.example.net' },
      { id: 27, hostname: 'acc-27.example.net' },
      { id: 50, hostname: 'twin.example.net' },
      { id: 51, hostname: 'TWIN.example.net' },
    ],
    ports: [
      { id: 2705, deviceId: 27, ifName: 'ge-0/0/5' },
      { id: 2706, deviceId: 27, ifName: 'ge-0/0/6' },
      { id: 101, deviceId: 1, ifName: 'ge-0/0/5' },
    ],
  });

  it.each([
    ['device:99', 'device:99'],
    ['port:4', 'port:4'],
    ['device:CORE-1.Example.NET', 'device:1'],
    ['port:acc-27.example.net/ge-0/0/5', 'port:2705'],
    ['port:ACC-27.example.net/ge-0/0/6', 'port:2706'],
  ])('resolves %s to %s', (text, ref) => {
    expect(resolve(text)).toEqual({ ok: true, ref });
  });

  it.each([
    ['device:nope.example.net', 'no device matches'],
    ['device:twin.example.net', '2 devices match'],
    ['port:acc-27.example.net/ge-0/0/9', 'no port matches'],
    ['port:twin.example.net/ge-0/0/5', 'no port matches'],
    ['thing:1', 'is not a component reference'],
  ])('refuses %s', (text, message) => {
    const r = resolve(text);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toContain(message);
  });
});
