export * from './common';
export * from './talk';
export * from './records';
export * from './export';
