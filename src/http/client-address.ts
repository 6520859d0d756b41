// The client's address, believing X-Forwarded-For only as far as TRUST_PROXY allows.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { Config } from '../config/config.js';

function inCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  if (!base) return false;
  if (!bitsText) return address === base;
  const toInt = (ip: string) =>
    ip.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0) >>> 0;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(address) || !/^\d+\.\d+\.\d+\.\d+$/.test(base)) {
    return address === base;
  }
  const bits = Number(bitsText);
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(address) & mask) === (toInt(base) & mask);
}

function socketAddress(c: Context): string | null {
  try {
    const addr = getConnInfo(c).remote.address ?? null;
    return addr?.replace(/^::ffff:/, '') ?? null;
  } catch {
    return null; // app.request() in tests has no socket
  }
}

/** Pure part, tested on its own: pick the client from the peer and the forwarded chain. */
export function pickClientAddress(
  peer: string | null,
  forwardedFor: string | undefined,
  trust: Config['trustProxy'],
): string | null {
  if (!trust || !forwardedFor) return peer;
  const chain = forwardedFor
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const hops = [...chain, ...(peer ? [peer] : [])];
  if ('hops' in trust) {
    // the last `hops` entries are our proxies; the one before them is the client
    return hops[Math.max(0, hops.length - 1 - trust.hops)] ?? peer;
  }
  let i = hops.length - 1;
  while (i > 0 && trust.cidrs.some((cidr) => inCidr(hops[i]!, cidr))) i--;
  return hops[i] ?? peer;
}

export function clientAddress(c: Context, trust: Config['trustProxy']): string | null {
  return pickClientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trust);
}
