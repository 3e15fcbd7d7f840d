import { isMainThread, parentPort, workerData } from 'worker_threads';
import { Engine } from '../core/engine';
import { scanFiles } from '../cli/scan';
import type { FromWorker, ScanRequest, ScanWorkerOptions, ToWorker } from './scan-protocol';

// The worker thread of Scan Workspace (bundled as dist/scan-worker.js): its own engine, the CLI's
// per-file scan, one message per file back to the extension host. `ScanWorkerHandler` is the whole
// protocol; the tests drive it in-process, the bottom of this file connects it to the thread's port.

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ScanWorkerHandler {
  private engine: Engine | undefined;
  /** Scans queued or running; a cancel for any other id is ignored. */
  private readonly pending = new Set<number>();
  private readonly cancelled = new Set<number>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly createEngine: () => Engine,
    private readonly post: (message: FromWorker) => void,
  ) {}

  /** Resolves when the message is dealt with (for a scan: when its last message was posted). */
  handle(message: ToWorker): Promise<void> {
    if (message.type === 'cancel') {
      if (this.pending.has(message.scanId)) this.cancelled.add(message.scanId);
      return Promise.resolve();
    }
    if (message.type === 'scan') {
      this.pending.add(message.scanId);
      const run = this.queue.then(() => this.scan(message)); // one scan at a time, in order
      this.queue = run;
      return run;
    }
    const unknown = message as { type?: unknown; scanId?: unknown };
    this.post({ type: 'error', scanId: typeof unknown.scanId === 'number' ? unknown.scanId : -1, message: `unknown message type ${String(unknown.type)}` });
    return Promise.resolve();
  }

  private async scan(request: ScanRequest): Promise<void> {
    const { scanId } = request;
    try {
      const engine = (this.engine ??= this.createEngine());
      for (const file of request.files) {
        await nextTurn(); // lets a waiting cancel message in between two files
        if (this.cancelled.has(scanId)) break;
        const result = await scanFiles(engine, [file], { cwd: request.cwd, fix: 'none' });
        for (const skipped of result.skipped) this.post({ type: 'skipped', scanId, skipped });
        for (const fileResult of result.files) this.post({ type: 'file', scanId, result: fileResult });
      }
      this.post({ type: 'done', scanId, cancelled: this.cancelled.has(scanId) });
    } catch (e) {
      this.post({ type: 'error', scanId, message: e instanceof Error ? e.message : String(e) });
    } finally {
      this.pending.delete(scanId);
      this.cancelled.delete(scanId);
    }
  }
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  const options = (workerData ?? {}) as Partial<ScanWorkerOptions>;
  const handler = new ScanWorkerHandler(
    () => Engine.create({ ruleDirs: options.ruleDirs ?? [], settings: options.settings }),
    (message) => port.postMessage(message),
  );
  port.on('message', (message: ToWorker) => void handler.handle(message));
}
