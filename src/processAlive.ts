/**
 * Whether process `pid` runs on this machine: signal 0 checks without sending anything. EPERM means
 * it runs, under another user. A pid reused by another program after a crash reads as alive.
 */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
