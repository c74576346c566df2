/**
 * Opens a URL in the user's browser when there is one to open: `$BROWSER` if set, else the
 * platform's opener (`open` on macOS, `start` on Windows, `xdg-open` on Linux with a display).
 * Says why not otherwise; never waits for the browser.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Resolves to undefined once the browser was asked, or to why there is none. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const command = openerFor(env);
  if (typeof command === 'string') return command;
  try {
    const child = spawn(command.file, [...command.args, url], { detached: true, stdio: 'ignore', shell: command.shell });
    child.on('error', () => undefined);
    child.unref();
    return undefined;
  } catch (error) {
    return `could not start ${command.file}: ${(error as Error).message}`;
  }
}

function openerFor(env: NodeJS.ProcessEnv): { file: string; args: string[]; shell?: boolean } | string {
  if (env.BROWSER) return { file: env.BROWSER, args: [], shell: true };
  if (process.platform === 'darwin') return { file: 'open', args: [] };
  if (process.platform === 'win32') return { file: 'cmd', args: ['/c', 'start', '""'] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return 'no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  return onPath('xdg-open', env) ? { file: 'xdg-open', args: [] } : 'xdg-open is not installed';
}

function onPath(name: string, env: NodeJS.ProcessEnv): boolean {
  return (env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}
