/** The URLs of the library: search, stories, curation and library standards. */

export const LIBRARY_PATH = '/lti/app/library';
export const CURATION_PATH = `${LIBRARY_PATH}/curation`;
export const NEW_STORY_PATH = `${LIBRARY_PATH}/stories/new`;
export const storyPath = (id: string): string => `${LIBRARY_PATH}/stories/${id}`;
export const LIBRARY_STANDARDS_PATH = `${LIBRARY_PATH}/standards`; // = TASK_PATHS.addToLibrary
export const startFromLibraryPath = (id: string): string =>
  `/lti/app/tasks/new?fromLibrary=${encodeURIComponent(id)}`;
export const libraryStandardPath = (id: string): string =>
  `${LIBRARY_STANDARDS_PATH}/${encodeURIComponent(id)}`;
export const withdrawLibraryStandardPath = (id: string): string => `${libraryStandardPath(id)}/withdraw`;
export const storyEditPath = (id: string): string => `${storyPath(id)}/edit`;
export const newStoryPathFor = (taskId: string): string =>
  `${NEW_STORY_PATH}?task=${encodeURIComponent(taskId)}`;
