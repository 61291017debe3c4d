/** Spawns a TypeScript child script through tsx and collects its JSON lines as they arrive. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Child {
  proc: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: () => string;
  exited: Promise<number | null>;
}

export function spawnChild(script: string, args: string[], withStdin = false, env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'children', script), ...args], {
    cwd: join(import.meta.dirname, '../..'),
    stdio: [withStdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  let err = '';
  proc.stdout?.on('data', (c: Buffer) => {
    partial += c.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Record<string, unknown>);
  });
  proc.stderr?.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return { proc, lines, stderr: () => err, exited };
}

/** Waits (polling) until `cond` holds; fails after `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
