import { RefObject, useEffect, useRef, useState } from 'react';

/**
 * While `dirty`, asks (with `message`) before the page is closed or reloaded (the browser's
 * own prompt), and holds back a click on a link or another tab outside
 * `inside` until the admin confirms. The app's router has no navigation
 * blocker, so the click is stopped on its way down, before the router sees
 * it, and clicked again once the admin chooses to leave.
 */
export function useLeaveGuard(
  dirty: boolean,
  inside: RefObject<HTMLElement>,
  message: string,
) {
  const [held, setHeld] = useState<HTMLElement>();
  const letThrough = useRef(false);
  useEffect(() => {
    if (!dirty) return undefined;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = message;
    };
    const onClick = (e: MouseEvent) => {
      const target = e.target as Element | null;
      const away = target?.closest?.('a[href], [role="tab"]');
      if (!away || letThrough.current || inside.current?.contains(away)) {
        return;
      }
      e.preventDefault();
      e.stopPropagation();
      setHeld(away as HTMLElement);
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    document.addEventListener('click', onClick, true);
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      document.removeEventListener('click', onClick, true);
    };
  }, [dirty, inside, message]);

  return {
    /** Whether a click away waits for the admin's answer. */
    asking: held !== undefined,
    stay: () => setHeld(undefined),
    leave: () => {
      setHeld(undefined);
      letThrough.current = true;
      try {
        held?.click();
      } finally {
        letThrough.current = false;
      }
    },
  };
}
