/**
 * Branded identifiers. At run time they are plain strings; the brand only stops one kind of id
 * being passed where another is expected (a `TeamId` where a `UserId` belongs). Values come
 * from outside the domain (the store, the LTI launch): the `as…` functions are the one place a
 * string becomes an id, and they check nothing but that it is not empty.
 */

declare const brand: unique symbol;

export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type UserId = Brand<string, 'UserId'>;
export type CourseId = Brand<string, 'CourseId'>;
export type TeamTaskId = Brand<string, 'TeamTaskId'>;
export type TeamId = Brand<string, 'TeamId'>;
export type StandardId = Brand<string, 'StandardId'>;
export type CriterionId = Brand<string, 'CriterionId'>;
export type CommentId = Brand<string, 'CommentId'>;
export type ObjectionId = Brand<string, 'ObjectionId'>;

function nonEmpty(kind: string, value: string): string {
  if (value.length === 0) throw new TypeError(`${kind} must not be empty`);
  return value;
}

export const asUserId = (value: string): UserId => nonEmpty('UserId', value) as UserId;
export const asCourseId = (value: string): CourseId => nonEmpty('CourseId', value) as CourseId;
export const asTeamTaskId = (value: string): TeamTaskId => nonEmpty('TeamTaskId', value) as TeamTaskId;
export const asTeamId = (value: string): TeamId => nonEmpty('TeamId', value) as TeamId;
export const asStandardId = (value: string): StandardId => nonEmpty('StandardId', value) as StandardId;
export const asCriterionId = (value: string): CriterionId => nonEmpty('CriterionId', value) as CriterionId;
export const asCommentId = (value: string): CommentId => nonEmpty('CommentId', value) as CommentId;
export const asObjectionId = (value: string): ObjectionId => nonEmpty('ObjectionId', value) as ObjectionId;
