import { TestBed } from '@internal/emails-test-bed';
import { BackendChild } from './child';
import { until } from './measure';
import { smallMessage } from './messages';

/**
 * Delivers `count` small messages over LMTP one at a time, each after the
 * previous one became a ticket: milliseconds from the start of the delivery
 * to the committed ticket, and how many never arrived within 30 s.
 */
export async function deliveryLatencies(
  bed: TestBed,
  backend: BackendChild,
  user: string,
  count: number,
  firstSeq: number,
): Promise<{ latencies: number[]; missing: number }> {
  const latencies: number[] = [];
  let missing = 0;
  for (let seq = firstSeq; seq < firstSeq + count; seq++) {
    const start = Date.now();
    await bed.deliver(user, smallMessage(seq, user));
    if (await until(() => backend.processed.has(seq), 30_000, 2)) {
      latencies.push(backend.processed.get(seq)! - start);
    } else {
      missing++;
    }
  }
  return { latencies, missing };
}
