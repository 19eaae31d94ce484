import { BriefCache } from './briefCache';

describe('BriefCache', () => {
  let clock = 0;
  const cache = () =>
    new BriefCache<string, number>({
      ttlMs: 1_000,
      maxEntries: 2,
      now: () => clock,
    });

  it('asks once within its time and again after it', async () => {
    const c = cache();
    let asked = 0;
    const lookup = async () => ++asked;
    expect(await c.get('a', lookup)).toBe(1);
    clock += 999;
    expect(await c.get('a', lookup)).toBe(1);
    clock += 1;
    expect(await c.get('a', lookup)).toBe(2);
  });

  it('keeps no more keys than its bound, dropping the oldest', async () => {
    const c = cache();
    let asked = 0;
    const lookup = async () => ++asked;
    await c.get('a', lookup);
    await c.get('b', lookup);
    await c.get('c', lookup);
    expect(await c.get('c', lookup)).toBe(3);
    expect(await c.get('a', lookup)).toBe(4);
  });

  it('does not keep a failed lookup', async () => {
    const c = cache();
    await expect(
      c.get('a', async () => {
        throw new Error('catalog away');
      }),
    ).rejects.toThrow('catalog away');
    expect(await c.get('a', async () => 7)).toBe(7);
  });

  it('forgets everything when cleared', async () => {
    const c = cache();
    await c.get('a', async () => 1);
    c.clear();
    expect(await c.get('a', async () => 2)).toBe(2);
  });
});
