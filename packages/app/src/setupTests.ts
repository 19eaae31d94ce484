import '@testing-library/jest-dom';

// Rendering MUI forms in jsdom is slow on a loaded 2-core machine; a
// timeout is a hang detector here, not a speed check (speed is benchmarked).
jest.setTimeout(30_000);

// Notices of libraries the portal is built on (React Router's v7 future
// flags, MUI v4's findDOMNode and JSS in jsdom, material-table's
// defaultProps, Backstage's AlertApi deprecation) say
// nothing about this code and would bury the test summary; every other
// warning and error still prints.
const LIBRARY_NOTICES = [
  /React Router Future Flag Warning/,
  /findDOMNode is deprecated/,
  /Support for defaultProps will be removed from (function|memo) components/,
  /^Warning: \[JSS\] /,
  /^AlertApi is deprecated/,
];
/* eslint-disable no-console -- the filter wraps the console itself */
for (const level of ['warn', 'error'] as const) {
  const print = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const text = args.map(String).join(' ');
    if (LIBRARY_NOTICES.some(notice => notice.test(text))) return;
    print(...args);
  };
}
/* eslint-enable no-console */
