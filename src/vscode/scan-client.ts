import { Worker } from 'worker_threads';
import { isFinal, type FromWorker, type ScanWorkerOptions, type ToWorker } from './scan-protocol';

// The extension host's end of the scan worker: starts dist/scan-worker.js on first use, sends it scans,
// routes its messages to each scan's listener, and ends it after a minute without work (an engine with
// its grammars loaded holds tens of MB). No `vscode` import.

const IDLE_MS = 60_000;

export interface Cancellation {
  isCancellationRequested: boolean;
  onCancellationRequested(listener: () => unknown): { dispose(): unknown };
}

interface Pending {
  onMessage: (m: FromWorker) => void;
  resolve: (outcome: { cancelled: boolean }) => void;
  reject: (err: Error) => void;
}

export class ScanWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private idle: NodeJS.Timeout | undefined;

  constructor(
    private readonly workerFile: string,
    private readonly options: () => ScanWorkerOptions,
    private readonly log: (line: string) => void = () => {},
  ) {}

  /**
   * Scans `files`; `onMessage` gets each file's result as it comes. Resolves when the worker is done
   * (`cancelled` when `token` stopped it first), rejects when the scan or the worker failed.
   */
  scan(files: readonly string[], cwd: string, onMessage: (m: FromWorker) => void, token?: Cancellation): Promise<{ cancelled: boolean }> {
    const worker = this.ensureWorker();
    const scanId = this.nextId++;
    clearTimeout(this.idle);
    return new Promise((resolve, reject) => {
      const subscription = token?.onCancellationRequested(() => this.send(worker, { type: 'cancel', scanId }));
      const settle = () => {
        subscription?.dispose();
        this.pending.delete(scanId);
        if (!this.pending.size) this.startIdleTimer();
      };
      this.pending.set(scanId, {
        onMessage,
        resolve: (outcome) => {
          settle();
          resolve(outcome);
        },
        reject: (err) => {
          settle();
          reject(err);
        },
      });
      this.send(worker, { type: 'scan', scanId, files: [...files], cwd });
      if (token?.isCancellationRequested) this.send(worker, { type: 'cancel', scanId });
    });
  }

  /** Ends the worker; the next scan starts a new one (with the options of then, e.g. new rule folders). */
  reset(): void {
    const worker = this.worker;
    this.worker = undefined;
    clearTimeout(this.idle);
    if (!worker) return;
    this.failAll(new Error('the scan was stopped because the rules changed'));
    void worker.terminate();
  }

  dispose(): void {
    this.reset();
  }

  private send(worker: Worker, message: ToWorker): void {
    if (worker === this.worker) worker.postMessage(message);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerFile, { workerData: this.options() });
    this.worker = worker;
    worker.on('message', (m: FromWorker) => {
      const p = this.pending.get(m.scanId);
      if (!p) return;
      if (m.type === 'error') return p.reject(new Error(m.message));
      p.onMessage(m);
      if (isFinal(m)) p.resolve({ cancelled: m.cancelled });
    });
    worker.on('error', (err) => {
      this.log(`Scan worker failed: ${err.stack ?? err.message}`);
      if (this.worker === worker) this.worker = undefined;
      this.failAll(err);
    });
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // ended on purpose
      this.worker = undefined;
      if (this.pending.size) this.failAll(new Error(`the scan worker exited with code ${code}`));
    });
    return worker;
  }

  private failAll(err: Error): void {
    for (const p of [...this.pending.values()]) p.reject(err);
  }

  private startIdleTimer(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      const worker = this.worker;
      this.worker = undefined;
      if (worker) void worker.terminate();
    }, IDLE_MS);
    this.idle.unref?.();
  }
}
