/**
 * Why a launch was refused. Every reason maps (in `web/middleware/error-handler.ts`) to a 4xx
 * status and a page that says what happened and what to tell the platform's administrator.
 */
import { DomainError } from '../shared/errors.js';

export const LAUNCH_REFUSAL_REASONS = [
  'missing-token',
  'malformed-token',
  'token-too-large',
  'unsupported-algorithm',
  'unknown-platform',
  'unknown-key',
  'keyset-unavailable',
  'bad-signature',
  'expired',
  'not-yet-valid',
  'issued-in-future',
  'too-old',
  'wrong-audience',
  'azp-mismatch',
  'issuer-mismatch',
  'unknown-deployment',
  'unsupported-message-type',
  'wrong-lti-version',
  'missing-subject',
  'invalid-claims',
  'replayed-nonce',
  'state-mismatch',
  'session-invalid',
  'session-expired',
  'inactive-platform',
  'no-course-role',
  'registration-link-invalid',
] as const;

export type LaunchRefusalReason = (typeof LAUNCH_REFUSAL_REASONS)[number];

export class LaunchRefusedError extends DomainError {
  readonly code = 'launch-refused';

  constructor(
    readonly reason: LaunchRefusalReason,
    /** Extra detail for the log only (never shown). */
    readonly detail?: string,
    options?: { readonly cause?: unknown },
  ) {
    super(`launch refused: ${reason}${detail === undefined ? '' : ` (${detail})`}`, options);
  }
}
