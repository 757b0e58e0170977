// Loaded before every test file (see the `test` script).
// Ink renders only the last frame when it thinks it runs in CI (package is-in-ci), which would blind
// ink-testing-library. Keep the fact that we are in CI for the backend test, then hide it from Ink.
if (process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') process.env.CONVSCOPE_IN_CI = '1';
process.env.CI = 'false';
process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
