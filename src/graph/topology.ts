// Builds the undirected topology graph (graphology) from devices, ports and links: keys `device:42`, `port:1043`.
import { UndirectedGraph } from 'graphology';
import { deviceRef, portRef, splitIdRef } from '../domain/refs.js';
import type { Role } from '../domain/roles.js';

export interface NodeAttributes {
  kind: 'device' | 'port';
  /** Ports take their device's role; `null` is neutral. */
  role: Role | null;
  /** For a port, its device's key. */
  device: string | null;
}

export type Topology = UndirectedGraph<NodeAttributes>;

export interface TopologyInput {
  devices: readonly { id: number; role: Role | null }[];
  ports: readonly { id: number; deviceId: number }[];
  /** LibreNMS links and manual links between canonical refs, either direction. */
  links: readonly { a: string; b: string }[];
  /** Further refs to include as nodes (components named in rules, first seen in events). */
  refs?: readonly string[];
}

function ensureNode(g: Topology, key: string): void {
  if (g.hasNode(key)) return;
  const kind = splitIdRef(key)?.kind ?? 'device';
  g.addNode(key, { kind, role: null, device: null });
}

function ensureEdge(g: Topology, a: string, b: string): void {
  ensureNode(g, a);
  ensureNode(g, b);
  if (a !== b && !g.hasEdge(a, b)) g.addEdge(a, b);
}

/** The topology graph; edges are unique per pair, roles of ports follow their device. */
export function buildTopology(input: TopologyInput): Topology {
  const g: Topology = new UndirectedGraph<NodeAttributes>();
  for (const d of input.devices) {
    ensureNode(g, deviceRef(d.id));
    g.mergeNodeAttributes(deviceRef(d.id), { role: d.role });
  }
  for (const p of input.ports) {
    const device = deviceRef(p.deviceId);
    ensureNode(g, device);
    ensureNode(g, portRef(p.id));
    g.mergeNodeAttributes(portRef(p.id), { kind: 'port', device });
    ensureEdge(g, device, portRef(p.id));
  }
  for (const l of input.links) ensureEdge(g, l.a, l.b);
  for (const ref of input.refs ?? []) ensureNode(g, ref);
  g.forEachNode((key, attrs) => {
    if (attrs.device !== null)
      g.setNodeAttribute(key, 'role', g.getNodeAttribute(attrs.device, 'role'));
  });
  return g;
}
