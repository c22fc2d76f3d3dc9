/** The statement builders, one per learning event; later feature services call these. */
export * from './common.js';
export * from './launch.js';
export * from './standard-setting.js';
export * from './review.js';
export * from './reflection.js';
export * from './story.js';
