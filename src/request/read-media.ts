// fs.promises, not node:fs/promises: the getter loads it on first use; loading it costs every run ~1 ms.
import {promises as fsPromises} from 'node:fs';
import {basename} from 'node:path';
import {UsageError} from '../errors.js';
import {mediaTypeOf} from './media-type.js';
import {SERVICE_LIMITS} from './service-limits.js';
import {fileErrorReason} from '../format/file-error.js';

const PASSED_THROUGH = [
  /^https?:\/\//i,
  /^data:/i,
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
];

/**
 * Turns one `--image`/`--video` value into what the API takes: URLs, data URIs and media UUIDs
 * pass through; anything else is a local file, sent as a data URI with its real media type.
 * `flag` names the value in errors.
 */
export async function readMedia(value: string, kind: 'image' | 'video', flag: string): Promise<string> {
  if (PASSED_THROUGH.some((pattern) => pattern.test(value))) return value;
  const limit = kind === 'image' ? SERVICE_LIMITS.maxImageBytes : SERVICE_LIMITS.maxVideoBytes;
  let bytes: Buffer;
  try {
    const file = await fsPromises.open(value, 'r');
    try {
      const {size, isFile} = await file.stat().then((s) => ({size: s.size, isFile: s.isFile()}));
      if (!isFile) throw new UsageError(`${flag}: "${value}" is not a file; allowed: a file path, URL, data URI or media UUID`);
      if (size > limit) {
        throw new UsageError(`${flag}: "${value}" is ${size} bytes; allowed: at most ${limit} bytes (${limit / 1048576} MiB)`);
      }
      bytes = await file.readFile();
    } finally {
      await file.close();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read it (${fileErrorReason(error)})`;
    throw new UsageError(`${flag}: "${value}": ${why}; allowed: a file path, URL, data URI or media UUID`);
  }
  const type = mediaTypeOf(bytes.subarray(0, 16), basename(value));
  if (!type || !type.startsWith(`${kind}/`)) {
    throw new UsageError(`${flag}: "${value}" is not a recognised ${kind} file${type ? ` (it looks like ${type})` : ''}`);
  }
  return `data:${type};base64,${bytes.toString('base64')}`;
}
