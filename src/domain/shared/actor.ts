import type { UserId } from './ids.js';

/**
 * Who is acting, as the domain sees it. The LTI layer maps platform roles onto these two:
 * instructors (and teaching assistants, administrators) are facilitators, everyone else a learner.
 */
export type ActorRole = 'facilitator' | 'learner';

export interface Actor {
  readonly userId: UserId;
  readonly role: ActorRole;
}
