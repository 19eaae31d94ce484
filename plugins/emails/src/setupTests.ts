import '@testing-library/jest-dom';

// Rendering MUI forms in jsdom is slow on a loaded 2-core machine; a
// timeout is a hang detector here, not a speed check (speed is benchmarked).
jest.setTimeout(30_000);

// The test app's MemoryRouter (created inside @backstage/test-utils, which
// takes no router options) gets the future flags the portal's router has
// (packages/app/src/App.tsx ROUTER_FUTURE), so tests route as the portal does
// and React Router has nothing to warn about.
jest.mock('react-router-dom', () => {
  const actual = jest.requireActual('react-router-dom');
  const { createElement } = jest.requireActual('react');
  return {
    ...actual,
    MemoryRouter: (props: object) =>
      createElement(actual.MemoryRouter, {
        future: { v7_startTransition: true, v7_relativeSplatPath: false },
        ...props,
      }),
  };
});

// Notices of libraries the portal is built on (MUI v4's findDOMNode and JSS in jsdom, material-table's
// defaultProps, Backstage's AlertApi deprecation) say
// nothing about this code and would bury the test summary; every other
// warning and error still prints.
const LIBRARY_NOTICES = [
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
