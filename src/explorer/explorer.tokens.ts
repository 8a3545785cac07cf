/** Injection token of the explorer's files (ExplorerFiles). */
export const EXPLORER_FILES = Symbol('EXPLORER_FILES');
