import createDOMPurify, { Config, DOMPurify } from 'dompurify';
import { BlockCounter, sanitizeCss } from './sanitizeCss';
import { ImagePolicy, resolveImageSource } from './urls';

/**
 * DOMPurify's HTML profile (no SVG or MathML) without forms and media, links
 * to http(s), mailto, tel and #anchors only. `cid:` passes here so that the
 * image hook can resolve it; relative URLs mean nothing in a mail and go.
 */
const CONFIG: Config = {
  USE_PROFILES: { html: true },
  FORBID_TAGS: [
    'form',
    'input',
    'button',
    'select',
    'textarea',
    'option',
    'optgroup',
    'datalist',
    'video',
    'audio',
    'source',
    'track',
    'picture',
    'dialog',
  ],
  FORBID_ATTR: ['srcset', 'ping', 'formaction'],
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|tel|cid):|#)/i,
  ALLOW_DATA_ATTR: false,
  // Keeps a leading <style> in the body instead of dropping it with the head.
  FORCE_BODY: true,
};

/** The result of sanitising one email body. */
export interface SanitizedHtml {
  /** Body markup, safe to put in the email frame. */
  html: string;
  /** Remote images held back under the policy. */
  blockedImages: number;
}

function isImageSource(node: Element, attribute: string) {
  return (
    (attribute === 'src' && node.nodeName === 'IMG') ||
    attribute === 'background'
  );
}

function addImageHooks(
  purifier: DOMPurify,
  policy: ImagePolicy,
  counter: BlockCounter,
) {
  purifier.addHook('uponSanitizeElement', (node, event) => {
    if (event.tagName === 'style' && node.textContent) {
      node.textContent = sanitizeCss(node.textContent, policy, counter);
    }
  });
  purifier.addHook('uponSanitizeAttribute', (node, event) => {
    if (event.attrName === 'style') {
      event.attrValue = sanitizeCss(event.attrValue, policy, counter);
    } else if (isImageSource(node, event.attrName)) {
      const decision = resolveImageSource(event.attrValue, policy);
      if (decision.blocked) counter.blocked++;
      if (decision.src) event.attrValue = decision.src;
      else event.keepAttr = false;
    }
  });
  purifier.addHook('afterSanitizeAttributes', node => {
    if (node.nodeName === 'A' && node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer');
    }
  });
}

/**
 * An email's HTML sanitised again in the browser with DOMPurify: no scripts,
 * event handlers, forms, frames or plugins; links only to http(s), mailto
 * and tel; images under the ImagePolicy (cid: resolved, remote held back).
 */
export function sanitizeEmailHtml(
  html: string,
  policy: ImagePolicy,
): SanitizedHtml {
  // A fresh instance per call: the hooks close over this call's policy.
  const purifier = createDOMPurify(window);
  const counter: BlockCounter = { blocked: 0 };
  addImageHooks(purifier, policy, counter);
  const clean = purifier.sanitize(html, CONFIG) as unknown as string;
  return { html: clean, blockedImages: counter.blocked };
}
