/** English strings of the note surface. Keys are shared with ../nb/note.ts. */
export const note = {} as const;
