/**
 * The xAPI 1.0.3 statement shapes Teamloop emits (a strict subset of the spec, JSON-compatible).
 * Kept here rather than taken from `@xapi/xapi` so builders stay plain data and the outbox can
 * store exactly what it serialises.
 */

export type LanguageMap = Readonly<Record<string, string>>;

export interface XapiAccount {
  readonly homePage: string;
  readonly name: string;
}

export interface XapiAgent {
  readonly objectType: 'Agent';
  readonly account?: XapiAccount;
  readonly mbox?: string;
}

/** An Identified Group: a team, identified by its account; members are not listed. */
export interface XapiGroup {
  readonly objectType: 'Group';
  readonly name?: string;
  readonly account: XapiAccount;
}

export type XapiActor = XapiAgent | XapiGroup;

export interface XapiVerb {
  readonly id: string;
  readonly display: LanguageMap;
}

export interface XapiInteractionComponent {
  readonly id: string;
  readonly description: LanguageMap;
}

export interface XapiActivityDefinition {
  readonly type?: string;
  readonly name?: LanguageMap;
  readonly description?: LanguageMap;
  readonly interactionType?: 'likert';
  readonly scale?: readonly XapiInteractionComponent[];
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface XapiActivity {
  readonly objectType: 'Activity';
  readonly id: string;
  readonly definition?: XapiActivityDefinition;
}

export interface XapiStatementRef {
  readonly objectType: 'StatementRef';
  readonly id: string;
}

export interface XapiScore {
  readonly raw: number;
  readonly min: number;
  readonly max: number;
  readonly scaled: number;
}

export interface XapiResult {
  readonly score?: XapiScore;
  readonly success?: boolean;
  readonly completion?: boolean;
  readonly response?: string;
  readonly duration?: string;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface XapiContextActivities {
  readonly parent?: readonly XapiActivity[];
  readonly grouping?: readonly XapiActivity[];
  readonly category?: readonly XapiActivity[];
  readonly other?: readonly XapiActivity[];
}

export interface XapiStatementContext {
  readonly registration?: string;
  readonly team?: XapiGroup;
  readonly platform?: string;
  readonly language?: string;
  readonly statement?: XapiStatementRef;
  readonly contextActivities?: XapiContextActivities;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface XapiStatement {
  readonly id: string;
  readonly actor: XapiActor;
  readonly verb: XapiVerb;
  readonly object: XapiActivity;
  readonly result?: XapiResult;
  readonly context: XapiStatementContext;
  readonly timestamp: string;
}
