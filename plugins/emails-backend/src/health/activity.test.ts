import { activitySeries, activityStart, percentile } from './activity';

const NOW = new Date('2026-12-07T15:20:00.000Z');
const at = (iso: string) => new Date(iso).toISOString();

describe('activitySeries', () => {
  it('has 24 hours ending with the current one', () => {
    const { hours } = activitySeries('a', [], NOW);
    expect(hours).toHaveLength(24);
    expect(hours[0].hour).toBe('2026-12-06T16:00:00.000Z');
    expect(hours[23].hour).toBe('2026-12-07T15:00:00.000Z');
    expect(activityStart(NOW).toISOString()).toBe(hours[0].hour);
    expect(hours.every(h => h.processed === 0 && !h.latencyP50Ms)).toBe(true);
  });

  it('counts messages by the hour they were processed, and latency only for tickets', () => {
    const message = (
      received: string,
      processed: string,
      ticketId?: string,
    ) => ({
      receivedAt: at(received),
      processedAt: at(processed),
      ticketId,
    });
    const { hours } = activitySeries(
      'a',
      [
        // Received in the previous hour, processed in this one.
        message('2026-12-07T13:59:00Z', '2026-12-07T14:00:30Z', '1'),
        message('2026-12-07T14:10:00Z', '2026-12-07T14:10:02Z', '2'),
        message('2026-12-07T14:20:00Z', '2026-12-07T14:20:04Z', '3'),
        // Ignored, no ticket: counted, but has no delivery-to-ticket latency.
        message('2026-12-07T14:30:00Z', '2026-12-07T14:59:00Z'),
        // Outside the window on either side.
        message('2026-12-06T15:00:00Z', '2026-12-06T15:59:59Z', '4'),
        message('2026-12-07T16:00:00Z', '2026-12-07T16:00:01Z', '5'),
      ],
      NOW,
    );
    const hour = hours.find(h => h.hour === '2026-12-07T14:00:00.000Z')!;
    expect(hour).toEqual({
      hour: '2026-12-07T14:00:00.000Z',
      processed: 4,
      latencyP50Ms: 4_000,
      latencyP95Ms: 90_000,
    });
    expect(hours.reduce((sum, h) => sum + h.processed, 0)).toBe(4);
  });
});

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(95);
    expect(percentile([7], 0.95)).toBe(7);
    expect(percentile([1, 2], 0.5)).toBe(1);
  });
});
