// Form drafts kept in sessionStorage, so that a form survives a reload, going
// offline and an expired session: the user signs in again and comes back to
// what she typed. Passwords are never kept. Only the fields she changed are
// kept: a form whose starting values come from the server (a record being
// edited) restores her changes over the server's newest values, never an old
// copy of the rest; a form left as it started keeps no draft (so a saved
// form, cleared, is gone for good).
// Drafts belong to the user who typed them: another user signing in on the
// same tab starts with none (claimDrafts).
import { useEffect, useState } from "preact/hooks";

const kPrefix = "vinculo.draft.";
const kOwner = "vinculo.draftOwner";
// The login form's own draft (the user name) is nobody's yet.
const kUnowned = new Set([kPrefix + "login"]);

// The fields changed from the form's start, passwords left out.
const changed = (value: Record<string, string>, initial: Record<string, string>) =>
  Object.fromEntries(Object.entries(value).filter(([name, text]) => text !== initial[name] && !/password/i.test(name)));

export function useDraft<T extends Record<string, string>>(key: string, initial: T): [T, (next: T) => void, () => void] {
  const storageKey = kPrefix + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? { ...initial, ...(JSON.parse(saved) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const store = (next: T) => {
    const kept = changed(next, initial);
    try {
      if (Object.keys(kept).length === 0) sessionStorage.removeItem(storageKey);
      else sessionStorage.setItem(storageKey, JSON.stringify(kept));
    } catch {
      // A full or refused storage keeps the form working, only without a draft.
    }
  };
  // Kept as it is typed, not after the next paint: a reload or a lost
  // session right after the last keystroke keeps it too.
  const set = (next: T) => {
    store(next);
    setValue(next);
  };
  // A form whose key changes (a new version read) keeps its values under the new key.
  const text = JSON.stringify(value);
  useEffect(() => store(value), [storageKey, text]);
  const clear = () => set(initial);
  return [value, set, clear];
}

// Whether a draft is kept under this key (a folded form opens to show it).
export function hasDraft(key: string): boolean {
  try {
    return sessionStorage.getItem(kPrefix + key) !== null;
  } catch {
    return false;
  }
}

// Called when a user is known to be signed in: the drafts another user typed
// on this tab (her session expired, someone else signed in) are dropped.
export function claimDrafts(userId: number): void {
  try {
    const owner = sessionStorage.getItem(kOwner);
    if (owner !== String(userId)) {
      const others = Array.from({ length: sessionStorage.length }, (_, index) => sessionStorage.key(index)).filter(
        (name): name is string => name !== null && name.startsWith(kPrefix) && !kUnowned.has(name),
      );
      for (const name of others) sessionStorage.removeItem(name);
      sessionStorage.setItem(kOwner, String(userId));
    }
  } catch {
    // No storage: no drafts to drop.
  }
}
