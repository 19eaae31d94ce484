import '@testing-library/jest-dom';

// Rendering MUI forms in jsdom is slow on a loaded 2-core machine; a
// timeout is a hang detector here, not a speed check (speed is benchmarked).
jest.setTimeout(30_000);
