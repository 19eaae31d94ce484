import { ImagePolicy, resolveImageSource } from './urls';

const CSS_URL = /url\(\s*(['"]?)(.*?)\1\s*\)/gi;

/** Counts what a sanitising pass held back. */
export interface BlockCounter {
  blocked: number;
}

function cssString(value: string): string {
  return `"${value.replace(/["\\]/g, c => `\\${c}`)}"`;
}

/**
 * CSS of an email with its images under the ImagePolicy: `url()`s resolved or
 * replaced by `none`, `@import` removed, and no `<` left, so the text cannot
 * close its `<style>` element when serialised. The frame's CSP is the hard
 * guarantee; this keeps the count of blocked images honest.
 */
export function sanitizeCss(
  css: string,
  policy: ImagePolicy,
  counter: BlockCounter,
): string {
  return css
    .replace(/@import[^;]*;?/gi, '')
    .replace(CSS_URL, (_match, _quote, url: string) => {
      const decision = resolveImageSource(url, policy);
      if (decision.blocked) counter.blocked++;
      return decision.src ? `url(${cssString(decision.src)})` : 'none';
    })
    .replace(/</g, '');
}
