// Service rules with refs replaced by node indices of a compiled topology.
import { ruleParts, type ServiceRule } from '../domain/rules.js';
import { nodeIndex, type CompiledTopology } from './compiled.js';

export interface CompiledPath {
  kind: 'path';
  from: number;
  to: number[];
}

export type CompiledRule =
  | { kind: 'ref'; node: number }
  | CompiledPath
  | { kind: 'need'; need: number; parts: CompiledRule[] };

/** Compiles a rule; every ref must be a node of the topology. */
export function compileRule(c: CompiledTopology, rule: ServiceRule): CompiledRule {
  if (typeof rule === 'string') return { kind: 'ref', node: nodeIndex(c, rule) };
  if ('path' in rule) {
    const to = [...new Set(rule.path.to.map((t) => nodeIndex(c, t)))];
    return { kind: 'path', from: nodeIndex(c, rule.path.from), to };
  }
  const { parts, need } = ruleParts(rule);
  return { kind: 'need', need, parts: parts.map((p) => compileRule(c, p)) };
}
