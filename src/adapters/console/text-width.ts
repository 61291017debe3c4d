/**
 * Terminal width of text: CJK ideographs, kana, hangul and full-width forms take two columns,
 * combining marks none, ANSI colour codes none. Padding and wrapping by these widths keeps
 * Chinese tables and cards aligned, where `String.prototype.padEnd` would not.
 */

const ANSI = /\u001b\[[0-9;]*m/g;

const WIDE: [number, number][] = [
  [0x1100, 0x115f], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xa000, 0xa4cf],
  [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], [0x1f900, 0x1f9ff], [0x20000, 0x3fffd],
];

/** Columns one code point takes. */
export function charWidth(cp: number): number {
  if (cp === 0 || cp < 32 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfe0f) return 0;
  for (const [lo, hi] of WIDE) if (cp >= lo && cp <= hi) return 2;
  return 1;
}

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** Columns a string takes on a terminal. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of stripAnsi(text)) w += charWidth(ch.codePointAt(0) ?? 0);
  return w;
}

/** Pads with spaces to `width` columns (never cuts). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Cuts to at most `width` columns, ending in `…` when cut. */
export function truncateDisplay(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0) ?? 0);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

/**
 * Wraps plain text to `width` columns. Latin words stay whole (unless longer than a line);
 * CJK text may break between any two characters, as it does in print.
 */
export function wrapDisplay(text: string, width: number): string[] {
  const lines: string[] = [];
  // Colour codes are zero-width tokens of their own, never split; a colour still open at a line
  // break is closed there and opened again on the next line, so each line stands alone.
  let active: string[] = [];
  const track = (sgr: string) => {
    const n = Number(/\[(\d*)/.exec(sgr)?.[1] || 0);
    if (n === 0) active = [];
    else if (n === 22) active = active.filter((a) => !/\[(1|2)m/.test(a));
    else if (n === 39) active = active.filter((a) => !/\[3\dm/.test(a));
    else active.push(sgr);
  };
  for (const para of text.split('\n')) {
    const tokens = para.match(/\u001b\[[0-9;]*m|[\u0021-\u007e\u00a0-\u02ff]+|\s+|./gu) ?? [];
    let line = active.join('');
    let w = 0;
    const breakLine = (trim: boolean) => {
      lines.push((trim ? line.trimEnd() : line) + (active.length ? '\u001b[0m' : ''));
      line = active.join('');
      w = 0;
    };
    for (const tok of tokens) {
      if (tok.charCodeAt(0) === 0x1b) {
        line += tok;
        track(tok);
        continue;
      }
      const tw = displayWidth(tok);
      if (/^\s+$/.test(tok)) {
        if (w > 0 && w + tw <= width) {
          line += tok;
          w += tw;
        }
        continue;
      }
      if (w + tw > width && w > 0) breakLine(true);
      if (tw > width) {
        for (const ch of tok) {
          const cw = charWidth(ch.codePointAt(0) ?? 0);
          if (w + cw > width) breakLine(false);
          line += ch;
          w += cw;
        }
        continue;
      }
      line += tok;
      w += tw;
    }
    lines.push(line.trimEnd());
  }
  return lines;
}
