// Re-identification of a device LibreNMS re-added under a new id, and the resolver's choice after it.
import { describe, expect, it } from 'vitest';
import { createResolver } from '../../src/domain/refs.js';
import {
  reidentifiedDevices,
  reidentifiedRefs,
  type KnownDevice,
} from '../../src/domain/reidentify.js';

const dev = (id: number, hostname: string, state: 'listed' | 'gone' | 'declared'): KnownDevice => ({
  id,
  hostname,
  gone: state === 'gone',
  listed: state === 'listed',
});

describe('reidentifiedDevices', () => {
  it.each<[string, KnownDevice[], Array<[number, number]>]>([
    [
      'gone 43, listed 99 of the same hostname',
      [dev(43, 'cpe', 'gone'), dev(99, 'cpe', 'listed')],
      [[43, 99]],
    ],
    [
      'hostnames compare case-insensitively',
      [dev(43, 'CPE.x', 'gone'), dev(99, 'cpe.X', 'listed')],
      [[43, 99]],
    ],
    [
      'a hostname listed twice pairs nothing',
      [dev(43, 'cpe', 'gone'), dev(99, 'cpe', 'listed'), dev(100, 'cpe', 'listed')],
      [],
    ],
    [
      'a device still listed is not re-identified',
      [dev(43, 'cpe', 'listed'), dev(99, 'other', 'listed')],
      [],
    ],
    [
      'a declared device LibreNMS never listed is not gone',
      [dev(43, 'cpe', 'declared'), dev(99, 'cpe', 'listed')],
      [],
    ],
    [
      're-added twice: both old ids follow the listed one',
      [dev(99, 'cpe', 'gone'), dev(43, 'cpe', 'gone'), dev(120, 'cpe', 'listed')],
      [
        [43, 120],
        [99, 120],
      ],
    ],
    ['no listed holder: nothing', [dev(43, 'cpe', 'gone')], []],
  ])('%s', (_name, devices, pairs) => {
    expect(reidentifiedDevices(devices).map((r) => [r.from, r.to])).toEqual(pairs);
  });
});

describe('reidentifiedRefs', () => {
  const r = { from: 43, to: 99, hostname: 'cpe' };
  it('maps the device and each port whose ifName is unique on both sides', () => {
    const old = [
      { id: 4301, ifName: 'Gi0/0' },
      { id: 4302, ifName: 'Gi0/1' },
      { id: 4303, ifName: 'dup' },
      { id: 4304, ifName: 'dup' },
      { id: 4305, ifName: 'Gi0/9' },
    ];
    const now = [
      { id: 9901, ifName: 'Gi0/0' },
      { id: 9902, ifName: 'Gi0/1' },
      { id: 9903, ifName: 'Gi0/1' },
      { id: 9904, ifName: 'dup' },
    ];
    expect([...reidentifiedRefs(r, old, now)]).toEqual([
      ['device:43', 'device:99'],
      ['port:4301', 'port:9901'],
    ]);
  });
});

describe('resolving a hostname a gone device shares', () => {
  const catalogue = {
    devices: [
      { id: 43, hostname: 'cpe-43.example.net', gone: true },
      { id: 99, hostname: 'CPE-43.example.net' },
      { id: 7, hostname: 'twin' },
      { id: 8, hostname: 'twin' },
      { id: 5, hostname: 'old-only', gone: true },
    ],
    ports: [
      { id: 4301, deviceId: 43, ifName: 'Gi0/0' },
      { id: 9901, deviceId: 99, ifName: 'Gi0/0' },
    ],
  };
  const resolve = createResolver(catalogue);

  it.each<[string, ReturnType<typeof resolve>]>([
    ['device:cpe-43.example.net', { ok: true, ref: 'device:99' }],
    ['port:cpe-43.example.net/Gi0/0', { ok: true, ref: 'port:9901' }],
    ['device:old-only', { ok: true, ref: 'device:5' }],
    ['device:twin', { ok: false, message: '"device:twin": 2 devices match' }],
    ['device:43', { ok: true, ref: 'device:43' }],
  ])('%s', (text, expected) => {
    expect(resolve(text)).toEqual(expected);
  });
});
