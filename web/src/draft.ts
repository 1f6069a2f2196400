// Form drafts kept in sessionStorage, so that a form survives an expired
// session: the user signs in again and comes back to what she typed.
// Passwords are never kept.
import { useEffect, useState } from "preact/hooks";

export function useDraft<T extends Record<string, string>>(key: string, initial: T): [T, (next: T) => void, () => void] {
  const storageKey = "vinculo.draft." + key;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      return saved ? { ...initial, ...(JSON.parse(saved) as Partial<T>) } : initial;
    } catch {
      return initial;
    }
  });
  const keep = (next: T) => {
    const kept = Object.fromEntries(Object.entries(next).filter(([name]) => !/password/i.test(name)));
    sessionStorage.setItem(storageKey, JSON.stringify(kept));
  };
  useEffect(() => keep(value), [storageKey]);
  // Kept as it is typed, not after the next paint (an effect): a reload right
  // after the last keystroke loses nothing.
  const set = (next: T) => {
    keep(next);
    setValue(next);
  };
  const clear = () => {
    sessionStorage.removeItem(storageKey);
    setValue(initial);
  };
  return [value, set, clear];
}
