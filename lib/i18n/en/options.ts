/** English strings of the options surface. Keys are shared with ../nb/options.ts. */
export const options = {} as const;
