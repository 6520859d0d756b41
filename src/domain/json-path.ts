// JSON paths for error details: `services[3].requires.path.from`.

export type PathSegment = string | number | symbol;

export function jsonPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else out += out === '' ? String(s) : `.${String(s)}`;
  }
  return out;
}
