/**
 * At most `size` sends per outgoing server at once: as many as its pooled
 * transport has connections, so a batch keeps every connection busy without
 * queueing messages inside nodemailer, where a stopped run could not take
 * them back.
 */
export class SendSlots {
  private readonly busy = new Map<string, number>();
  private readonly waiting = new Map<string, (() => void)[]>();

  constructor(private readonly size: number) {}

  /** Runs `send` once a slot of `serverId` is free. */
  async run<T>(serverId: string, send: () => Promise<T>): Promise<T> {
    await this.acquire(serverId);
    try {
      return await send();
    } finally {
      this.release(serverId);
    }
  }

  private acquire(serverId: string): Promise<void> {
    const busy = this.busy.get(serverId) ?? 0;
    if (busy < this.size) {
      this.busy.set(serverId, busy + 1);
      return Promise.resolve();
    }
    return new Promise(resolve => {
      const queue = this.waiting.get(serverId) ?? [];
      queue.push(resolve);
      this.waiting.set(serverId, queue);
    });
  }

  private release(serverId: string): void {
    const queue = this.waiting.get(serverId);
    const next = queue?.shift();
    if (queue?.length === 0) this.waiting.delete(serverId);
    // The slot passes straight to the next waiter: the count stays.
    if (next) return next();
    const busy = (this.busy.get(serverId) ?? 1) - 1;
    if (busy > 0) this.busy.set(serverId, busy);
    else this.busy.delete(serverId);
    return undefined;
  }
}
