// Per component node: the service slots whose dependency set holds it, and its current down/covered intervals.
import type { Interval } from '../domain/intervals.js';

export class WatchIndex {
  readonly watchers: (number[] | undefined)[];
  readonly downOf: (Interval[] | undefined)[];
  readonly coveredOf: (Interval[] | undefined)[];

  constructor(nodes: number) {
    this.watchers = new Array<number[] | undefined>(nodes);
    this.downOf = new Array<Interval[] | undefined>(nodes);
    this.coveredOf = new Array<Interval[] | undefined>(nodes);
  }

  watch(slot: number, nodes: Iterable<number>): void {
    for (const v of nodes) {
      const list = this.watchers[v];
      if (list === undefined) this.watchers[v] = [slot];
      else list.push(slot);
    }
  }

  unwatch(slot: number, nodes: Iterable<number>): void {
    for (const v of nodes) this.watchers[v] = this.watchers[v]?.filter((s) => s !== slot);
  }

  refresh(node: number, down: Interval[] | undefined, covered: Interval[] | undefined): void {
    this.downOf[node] = down;
    this.coveredOf[node] = covered;
  }
}
