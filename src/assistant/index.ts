// The assistant folder's public surface: other folders import from here only.
export * from './recipes/index.ts';
