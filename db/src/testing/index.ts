export { createTestDatabase, type TestDatabase } from './test-database.js';
export { createTestRedis, type TestRedis } from './test-redis.js';
export {
  checkService,
  isReachable,
  servicesRequired,
  testDatabaseUrl,
  testRedisUrl,
} from './service-availability.js';
export { freePort } from './free-port.js';
export { waitFor } from './wait-for.js';
export { combineRounds } from './bench-rounds.js';
