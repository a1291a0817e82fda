import pg from 'pg';
import type { Logger } from '../../shared/logger.js';
import { JOB_DUE_CHANNEL } from './job-store.js';

/**
 * Runs due jobs every `intervalMs` in production. On PostgreSQL it also LISTENs for jobs scheduled
 * to run now and wakes early: an optimisation only, the interval alone is enough for correctness.
 */
export class JobPoller {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private wakeAgain = false;
  private stopped = false;
  private listener: pg.Client | undefined;

  constructor(
    private readonly runDue: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly logger: Logger,
  ) {}

  async start(databaseUrl: string | undefined): Promise<void> {
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      client.on('error', (error) => this.logger.warn({ err: error }, 'job wake-up listener failed; polling continues'));
      try {
        await client.connect();
        client.on('notification', (message) => {
          if (message.channel === JOB_DUE_CHANNEL) this.wake();
        });
        await client.query(`listen ${JOB_DUE_CHANNEL}`);
        this.listener = client;
      } catch (error) {
        this.logger.warn({ err: error }, 'could not listen for due jobs; polling only');
        await client.end().catch(() => undefined);
      }
    }
    this.arm(0);
  }

  /** Run soon (a job was scheduled for now). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.arm(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.listener?.end().catch(() => undefined);
    await this.running;
  }

  private arm(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.tick(), delay);
    this.timer.unref();
  }

  private tick(): void {
    if (this.stopped || this.running) return;
    this.running = this.runDue()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'running due jobs failed'))
      .finally(() => {
        this.running = undefined;
        if (this.stopped) return;
        const again = this.wakeAgain;
        this.wakeAgain = false;
        this.arm(again ? 0 : this.intervalMs);
      });
  }
}
