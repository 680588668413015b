/** English strings of the popup surface. Keys are shared with ../nb/popup.ts. */
export const popup = {} as const;
