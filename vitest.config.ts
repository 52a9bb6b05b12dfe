import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // CLI, browser and server tests start real processes; a 2-core CI machine needs the headroom.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
