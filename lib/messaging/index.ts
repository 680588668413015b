export * from './protocol';
export * from './reply';
export * from './sender';
