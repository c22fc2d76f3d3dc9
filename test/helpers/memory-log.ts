import type { DestinationStream } from 'pino';
import { createLogger, type Logger } from '../../src/logger.js';

export interface MemoryLog {
  readonly logger: Logger;
  /** Every JSON line written so far, parsed. */
  lines(): Array<Record<string, unknown>>;
  /** Everything written so far, raw. */
  text(): string;
}

/** A real pino logger (same redaction as production) writing into memory. */
export function createMemoryLog(level = 'info'): MemoryLog {
  const chunks: string[] = [];
  const destination: DestinationStream = { write: (chunk: string) => void chunks.push(chunk) };
  return {
    logger: createLogger({ level, destination }),
    lines: () =>
      chunks
        .join('')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    text: () => chunks.join(''),
  };
}
