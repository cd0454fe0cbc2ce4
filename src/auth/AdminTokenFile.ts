import { chmod, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { safeJson } from '../safeJson.ts';

/** How a command on this machine reaches the running app: its address, the token it accepts, its process. */
export interface AdminHandle {
  url: string;
  token: string;
  pid: number;
}

const handleSchema = z.object({ url: z.url(), token: z.string().min(32), pid: z.number().int().positive() });

/**
 * `${DATA_DIR}/admin-token`: written by the app at start on the embedded database (mode 0600, so
 * only the account running the app can read it), removed at stop. Its presence tells
 * `worker:add`/`worker:disable` that the app owns the data directory and must be asked instead.
 */
export class AdminTokenFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = path.resolve(dataDir, 'admin-token');
  }

  async write(handle: AdminHandle): Promise<void> {
    // A stale file (after a crash) could have looser permissions: create afresh, exclusively, 0600.
    await rm(this.path, { force: true });
    await writeFile(this.path, `${JSON.stringify(handle)}\n`, { mode: 0o600, flag: 'wx' });
    await chmod(this.path, 0o600);
  }

  /** The handle, or undefined when there is no file (the app is not running) or it is unreadable. */
  async read(): Promise<AdminHandle | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = handleSchema.safeParse(safeJson(text));
    return parsed.success ? parsed.data : undefined;
  }

  /** Removes the file if it still holds `token` (a newer app may have replaced it). */
  async remove(token: string): Promise<void> {
    if ((await this.read())?.token === token) await rm(this.path, { force: true });
  }
}
