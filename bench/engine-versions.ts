// Inventory versions at S/M/L: the stored model's size, the newest engine over kept history, and one
// revision of an earlier version (built from its model, every event replayed, its span copied).
// Usage: node --max-old-space-size=4096 --import tsx bench/engine-versions.ts [--size S|M|L]
import { gzipSync } from 'node:zlib';
import type { AlertEvent } from '../src/domain/events.js';
import { modelOf, type Version } from '../src/domain/inventory-versions.js';
import { transitionsOver } from '../src/graph/version-merge.js';
import { currentEngine, reviseVersion, versionEngine } from '../src/graph/versioned.js';
import { IncrementalEngine } from '../src/graph/incremental.js';
import { fmt, ms, now, rssMb } from './engine-measure.js';
import { deviceEvent, network, SIZES } from './engine-network.js';

const size = SIZES[process.argv[process.argv.indexOf('--size') + 1] ?? 'S'] ?? SIZES.S!;
const T0 = 1_800_000_000;
const net = network(size);
const inv = net.inventory;

// a month of outages of access switches and customer devices, 10,000 events
const events: AlertEvent[] = [];
for (let i = 0; i < 5_000; i++) {
  const id =
    i % 7 === 0 ? net.access[i % net.access.length]! : net.customers[i % net.customers.length]!;
  const at = T0 + i * 500;
  events.push(deviceEvent(2 * i + 1, id, 1, at), deviceEvent(2 * i + 2, id, 0, at + 300));
}

let t = now();
const model = modelOf(inv);
const json = JSON.stringify(model);
const gz = gzipSync(json);
console.log(
  `${size.name}: model ${fmt(json.length / 1e6)} MB JSON, ${fmt(gz.length / 1e6)} MB gzip (${fmt(ms(t))} ms)`,
);

t = now();
const v0 = new IncrementalEngine(inv);
v0.apply(events);
console.log(
  `version 0 engine with ${events.length} events: ${fmt(ms(t) / 1000)} s, RSS ${fmt(rssMb(), 0)} MB`,
);

// version 1: one more uplink for the first access switch, from the middle of the month
const E = T0 + 2_500 * 500;
const changed = {
  ...inv,
  links: [...inv.links, { a: `device:${net.access[0]}`, b: `device:${net.aggs[0]}` }],
};
const keys = new Set(inv.services.map((s) => s.key));
const versions: Version[] = [
  { id: 1, from: -Infinity, effects: '[]', addsServices: true, services: keys },
  { id: 2, from: E, effects: '[]', addsServices: false, services: keys },
];
t = now();
const v1 = currentEngine(changed, versions, (key, floor) =>
  transitionsOver(v0, key, { start: -Infinity, end: floor }),
);
v1.apply(events);
console.log(
  `version 1 engine over kept history: ${fmt(ms(t) / 1000)} s, RSS ${fmt(rssMb(), 0)} MB`,
);

t = now();
const old = versionEngine(model, changed);
old.apply(events);
const built = ms(t);
t = now();
const r = reviseVersion(v1, old, versions, 0);
console.log(
  `revising version 0: build and replay ${fmt(built / 1000)} s, copy ${fmt(ms(t))} ms, ${r.spans.length} spans changed, RSS ${fmt(rssMb(), 0)} MB`,
);
