/**
 * The team formation forms: which way of forming (`mode`) and its settings, read into the
 * `Formation` the form-teams use case takes. Sizes must be whole numbers here; their limits are
 * the domain's.
 */
import type { FieldIssue } from '../../domain/shared/errors.js';
import { asTeamId, asTeamTaskId, type TeamId, type UserId } from '../../domain/shared/ids.js';
import type { Formation } from '../../services/teams/form-teams.js';
import { field, idParam, wholeNumber, type FormBody } from './form-body.js';

const ASSIGNMENT = /^(none|team:[A-Za-z0-9_-]{1,64}|new:\d{1,3})$/;

/**
 * @param learners the learners the by-hand form listed (the only `assign-<id>` fields read).
 */
export function formationFrom(
  body: FormBody,
  learners: readonly UserId[],
): { readonly formation: Formation } | { readonly issues: readonly FieldIssue[] } {
  const mode = field(body, 'mode');
  switch (mode) {
    case 'random': {
      const targetSize = wholeNumber(body, 'targetSize');
      if (targetSize === undefined) return { issues: [{ field: 'targetSize', code: 'not-a-number' }] };
      return { formation: { mode, targetSize } };
    }
    case 'self-selection': {
      const maxSize = wholeNumber(body, 'maxSize');
      const teamCount = wholeNumber(body, 'teamCount');
      const issues: FieldIssue[] = [];
      if (maxSize === undefined) issues.push({ field: 'maxSize', code: 'not-a-number' });
      if (teamCount === undefined || teamCount < 1 || teamCount > 100)
        issues.push({ field: 'teamCount', code: 'not-a-number' });
      if (issues.length > 0 || maxSize === undefined || teamCount === undefined) return { issues };
      return { formation: { mode, maxSize, teams: Array.from({ length: teamCount }, () => ({})) } };
    }
    case 'copied': {
      const source = idParam.safeParse(field(body, 'source'));
      if (!source.success) return { issues: [{ field: 'source', code: 'required' }] };
      return { formation: { mode, fromTaskId: asTeamTaskId(source.data) } };
    }
    case 'manual': {
      const groups = new Map<string, UserId[]>();
      for (const learner of learners) {
        const choice = field(body, `assign-${learner}`) || 'none';
        if (!ASSIGNMENT.test(choice)) return { issues: [{ field: 'teams', code: 'invalid' }] };
        if (choice === 'none') continue;
        groups.set(choice, [...(groups.get(choice) ?? []), learner]);
      }
      const teams = [...groups].map(([choice, members]) => {
        const id: TeamId | undefined = choice.startsWith('team:') ? asTeamId(choice.slice(5)) : undefined;
        return { ...(id !== undefined ? { id } : {}), members };
      });
      return { formation: { mode, teams } };
    }
    default:
      return { issues: [{ field: 'mode', code: 'unknown' }] };
  }
}
