import { applyStage, finishRows, initialRows } from './stages';

describe('Test Connection stages', () => {
  it('runs the first stage, then the next as each finishes', () => {
    let rows = initialRows(true);
    expect(rows.map(r => r.state)).toEqual([
      'running',
      'pending',
      'pending',
      'pending',
      'pending',
    ]);
    rows = applyStage(rows, { stage: 'dns', ok: true, ms: 4, message: 'ok' });
    expect(rows.map(r => r.state).slice(0, 3)).toEqual([
      'ok',
      'running',
      'pending',
    ]);
  });

  it('marks the stages after a failure as not run, and keeps the hint', () => {
    let rows = initialRows(true);
    rows = applyStage(rows, { stage: 'dns', ok: true, ms: 4, message: 'ok' });
    rows = applyStage(rows, {
      stage: 'tcp',
      ok: false,
      ms: 3000,
      message: 'timed out',
      hint: 'Check the port and the firewall',
    });
    rows = finishRows(rows, { ok: false, stages: [] });
    expect(rows.map(r => r.state)).toEqual([
      'ok',
      'failed',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(rows[1].hint).toBe('Check the port and the firewall');
    expect(rows[2].message).toBe('Not run: an earlier stage failed');
  });

  it('fills in stages the answer carries when none were streamed', () => {
    const rows = finishRows(initialRows(true), {
      ok: true,
      stages: [
        { stage: 'dns', ok: true, ms: 1, message: 'resolved' },
        { stage: 'tls', ok: true, ms: 0, message: 'none', skipped: true },
      ],
    });
    expect(rows.map(r => r.state)).toEqual([
      'ok',
      'skipped',
      'skipped',
      'skipped',
      'skipped',
    ]);
    expect(rows[0].message).toBe('resolved');
  });
});
