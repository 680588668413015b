/** English strings of the sidepanel surface. Keys are shared with ../nb/sidepanel.ts. */
export const sidepanel = {} as const;
