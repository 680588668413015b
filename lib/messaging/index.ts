export * from './protocol';
export * from './reply';
export * from './send';
export * from './sender';
