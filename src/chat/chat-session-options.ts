import type {ConnectionOptions, InferenceEvent, TextInferenceTask} from '../api/types.js';
import type {ResolvedSettings, RoleLayer, SettingLayers} from '../config/resolve-settings.js';
import type {LoadedSources} from '../context/load-sources.js';
import type {SettingValue} from '../settings/setting-types.js';
import type {ChatSession} from './chat-session.js';

export type InferFn = (task: TextInferenceTask, conn: ConnectionOptions) => AsyncIterable<InferenceEvent>;

export interface ChatSessionOptions {
  /** Environment and config-file layers, and the command's own defaults. */
  layers: Omit<SettingLayers, 'session' | 'flags'>;
  flags: ReadonlyMap<string, SettingValue>;
  infer: InferFn;
  /** Connection options for the settings in force, with the signal of this turn. */
  connect(settings: ResolvedSettings, signal: AbortSignal): ConnectionOptions;
  /** Runs a `/command` line (the command table lives apart from the chat). */
  runCommand?: (chat: ChatSession, line: string) => Promise<void>;
  completions?: () => readonly string[];
  /** Where sessions are stored (for /sessions and /resume), and whether this chat is saved. */
  storage?: {dataDir: string; save: boolean};
  /** Reads a role by name for /role (src/roles/load-role.ts). */
  loadRole?: (name: string) => Promise<RoleLayer>;
  /** Loads sources as `-f` does, for `/file` and `@path` (none: files cannot be attached); paths are from `cwd`. */
  files?: {cwd: string; load(sources: readonly string[]): Promise<LoadedSources>};
  now?: () => number;
}
