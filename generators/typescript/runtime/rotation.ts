// Rotated files of a chained log, as registry_runtime.rotation: the active `<path>` is renamed
// to `<path>.<n>` (n one more than the highest there, from 1) and a new `<path>` started; a
// stream's chain continues from one file of the family to the next.
import { fstatSync, readdirSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";

const ROTATED = /^(.+)\.([1-9][0-9]{0,9})$/;

/** `<path>.<n>` with `n` one more than the highest rotated file of `path`. */
export function nextRotatedName(path: string): string {
  const base = basename(path);
  let highest = 0;
  for (const name of readdirSync(dirname(path))) {
    const match = ROTATED.exec(name);
    if (match !== null && match[1] === base) highest = Math.max(highest, Number(match[2]));
  }
  return `${path}.${highest + 1}`;
}

/** Whether `path` still names the open file `fd` (not rotated or replaced since). */
export function sameFile(path: string, fd: number): boolean {
  let named;
  try {
    named = statSync(path);
  } catch {
    return false;
  }
  const opened = fstatSync(fd);
  return named.dev === opened.dev && named.ino === opened.ino;
}
