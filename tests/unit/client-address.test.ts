// X-Forwarded-For is believed only as far as TRUST_PROXY allows.
import { describe, expect, it } from 'vitest';
import { pickClientAddress } from '../../src/http/client-address.js';

describe('pickClientAddress', () => {
  it.each([
    ['no proxy trusted: the peer', '10.0.0.5', '1.2.3.4', null, '10.0.0.5'],
    ['no header: the peer', '10.0.0.5', undefined, { hops: 1 }, '10.0.0.5'],
    ['one hop: the entry before the proxy', '10.0.0.5', '1.2.3.4', { hops: 1 }, '1.2.3.4'],
    ['one hop, spoofed prefix ignored', '10.0.0.5', '6.6.6.6, 1.2.3.4', { hops: 1 }, '1.2.3.4'],
    ['two hops', '10.0.0.5', '6.6.6.6, 1.2.3.4, 10.0.0.9', { hops: 2 }, '1.2.3.4'],
    ['more hops than entries: the first', '10.0.0.5', '1.2.3.4', { hops: 5 }, '1.2.3.4'],
    [
      'CIDR: skip trusted proxies',
      '10.0.0.5',
      '1.2.3.4, 10.1.1.1',
      { cidrs: ['10.0.0.0/8'] },
      '1.2.3.4',
    ],
    [
      'CIDR: untrusted peer is the client',
      '8.8.8.8',
      '1.2.3.4',
      { cidrs: ['10.0.0.0/8'] },
      '8.8.8.8',
    ],
    ['CIDR: exact address', '192.168.1.1', '1.2.3.4', { cidrs: ['192.168.1.1'] }, '1.2.3.4'],
  ] as const)('%s', (_name, peer, header, trust, expected) => {
    expect(pickClientAddress(peer, header, trust as never)).toBe(expected);
  });
});
