// Child-process entry of the reconcile benchmark: the fake LibreNMS at one size, on its own heap.
// Talks to the parent over IPC: sends { url } once listening; answers 'stats' and 'close'.
import { startFakeLibreNms } from '../tests/helpers/fake-librenms.js';
import { SIZES } from './engine-network.js';
import { peakRssMb, resetPeakRss } from './reconcile-measure.js';
import { benchDataset } from './reconcile-dataset.js';

export interface FakeServerStats {
  requests: number;
  byPath: Record<string, number>;
  /** this process's peak RSS since the last 'stats' question, MB */
  peakRssMb: number;
}

const size = SIZES[process.argv[2] ?? ''];
if (!size || !process.send) throw new Error('usage: fork(reconcile-fake-server.ts, [S|M|L])');

const fake = await startFakeLibreNms(benchDataset(size));
resetPeakRss();
process.on('message', (msg: unknown) => {
  if (msg === 'stats') {
    const stats: FakeServerStats = {
      requests: fake.stats.requests,
      byPath: Object.fromEntries(fake.stats.byPath),
      peakRssMb: peakRssMb(),
    };
    resetPeakRss();
    process.send!({ stats });
  } else if (msg === 'close') {
    void fake.close().then(() => process.exit(0));
  }
});
process.send({ url: fake.url });
