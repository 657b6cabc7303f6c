export * from './facts';
export * from './base-image';
export * from './registry-mirror';
