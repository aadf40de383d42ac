/** The media type from a file's first bytes, falling back to its extension. */
export function mediaTypeOf(head: Uint8Array, fileName: string): string | undefined {
  const ascii = (from: number, to: number): string => String.fromCharCode(...head.subarray(from, to));
  const starts = (...bytes: number[]): boolean => bytes.every((b, i) => head[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 4) === 'GIF8') return 'image/gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(0, 2) === 'BM') return 'image/bmp';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand.startsWith('qt')) return 'video/quicktime';
    if (brand.startsWith('avif')) return 'image/avif';
    if (brand === 'heic' || brand === 'heix') return 'image/heic';
    return 'video/mp4';
  }
  if (starts(0x1a, 0x45, 0xdf, 0xa3)) return fileName.toLowerCase().endsWith('.mkv') ? 'video/x-matroska' : 'video/webm';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 11) === 'AVI') return 'video/x-msvideo';
  const byExtension: Record<string, string> = {
    png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp',
    svg: 'image/svg+xml', mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska',
  };
  return byExtension[fileName.toLowerCase().split('.').pop() ?? ''];
}
