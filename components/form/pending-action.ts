/**
 * The part of re-authentication that survives the round trip to the identity provider: the input of the action
 * that asked for it (in sessionStorage, this tab only) and a marker in the URL the sign-in returns to.
 */
export const REAUTH_MARKER = "reauth";

type KeyValueStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const storageKey = (action: string) => `orgdeck:pending-action:${action}`;

/** The current page with the marker naming the action to complete on return (a same-site path, as sign-in wants). */
export function returnUrlFor(action: string, current: URL): string {
  const url = new URL(current.href);
  url.searchParams.set(REAUTH_MARKER, action);
  return `${url.pathname}${url.search}${url.hash}`;
}

export function savePendingAction(store: KeyValueStore, action: string, input: unknown) {
  store.setItem(storageKey(action), JSON.stringify(input));
}

export function discardPendingAction(store: KeyValueStore, action: string) {
  store.removeItem(storageKey(action));
}

/**
 * On return from re-authentication: the saved input when the URL carries this action's marker (taken, so it runs
 * once), and the URL without the marker. Null when there is nothing to resume.
 */
export function takePendingAction(store: KeyValueStore, action: string, current: URL): { input: unknown; cleanUrl: string } | null {
  if (current.searchParams.get(REAUTH_MARKER) !== action) return null;
  const saved = store.getItem(storageKey(action));
  store.removeItem(storageKey(action));
  const url = new URL(current.href);
  url.searchParams.delete(REAUTH_MARKER);
  const cleanUrl = `${url.pathname}${url.search}${url.hash}`;
  if (saved === null) return null;
  try {
    return { input: JSON.parse(saved) as unknown, cleanUrl };
  } catch {
    return null;
  }
}
