// ANSI colours for the text report. Off unless the report goes to a terminal; --no-color and a
// non-empty NO_COLOR (https://no-color.org) turn them off there too.

export interface Palette {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  green(s: string): string;
  gray(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => (s ? `\u001b[${open}m${s}\u001b[${close}m` : s);
const plain = (s: string) => s;

export const COLORS: Palette = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  green: wrap(32, 39),
  gray: wrap(90, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

export const NO_COLORS: Palette = {
  red: plain,
  yellow: plain,
  blue: plain,
  green: plain,
  gray: plain,
  dim: plain,
  bold: plain,
  underline: plain,
};

export function useColor(options: { flag: boolean; isTTY: boolean | undefined; env: Record<string, string | undefined> }): boolean {
  if (!options.flag || !options.isTTY) return false;
  const noColor = options.env.NO_COLOR;
  return noColor === undefined || noColor === '';
}
