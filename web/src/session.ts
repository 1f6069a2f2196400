import { createContext } from "preact";
import { useContext } from "preact/hooks";
import type { Me } from "./api";

export interface SessionState {
  me: Me;
  setLanguage: (lang: "es" | "en") => Promise<void>;
  logout: () => Promise<void>;
}

export const SessionContext = createContext<SessionState | null>(null);
export function useSession(): SessionState {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in app");
  return session;
}

export const canRead = (me: Me, kind: string): boolean => me.access[kind] === "read" || me.access[kind] === "write";
export const canWrite = (me: Me, kind: string): boolean => me.access[kind] === "write";
// Whether the user's role may call an operation of the API (its operationId,
// from GET /auth/me's `capabilities`, made from the server's operation
// tables); the server still decides per record (not-yours reads as not found).
export const can = (me: Me, operationId: string): boolean => me.capabilities.includes(operationId);
