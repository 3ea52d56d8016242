export { createApiTokenSecret, hashApiToken } from './api-tokens.ts';
export { hashPassword, MIN_PASSWORD_LENGTH } from './auth/hash-password.ts';
export type { ServerConfig } from './config.ts';
export { ConfigError, loadServerConfig } from './config.ts';
export { createApp } from './create-app.ts';
export { openStateStore, openStores } from './open-stores.ts';
export type { RunningServer } from './start-server.ts';
export { startServer, VERSION } from './start-server.ts';
