/**
 * The credential verifier's pool in tests (tests/setup/integration.ts): its threads start through tsx
 * and run at a lower priority, so on a loaded machine the first verification can take longer than the
 * production timeout. tests/integration/verify-limits.test.ts sets short ones of its own.
 */
export const TEST_VERIFIER_POOL = { timeoutMs: 120_000 };
