/**
 * Makes every media query match (`narrow`) or none, as jsdom has no
 * `matchMedia`; returns the function that removes it again.
 */
export function emulateScreen(narrow: boolean): () => void {
  const listeners = { addListener() {}, removeListener() {} };
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    value: (query: string) => ({ matches: narrow, media: query, ...listeners }),
  });
  return () => {
    delete (window as { matchMedia?: unknown }).matchMedia;
  };
}
