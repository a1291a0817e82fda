import type { UserAccess } from './user-access.js';

/**
 * Remembers who is behind a session token for a few seconds, so that a burst of requests costs
 * one lookup. Changes made in this process (sign-out, password, roles, deactivation) clear the
 * affected entries at once; another API process sees them within TTL_MS.
 */
export class SessionCache {
  static readonly TTL_MS = 5_000;
  private static readonly MAX_ENTRIES = 10_000;
  private readonly entries = new Map<string, { access: UserAccess; until: number }>();

  get(tokenHash: string): UserAccess | undefined {
    const entry = this.entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until < Date.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return entry.access;
  }

  set(tokenHash: string, access: UserAccess): void {
    if (this.entries.size >= SessionCache.MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(tokenHash, { access, until: Date.now() + SessionCache.TTL_MS });
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.access.userId === userId) this.entries.delete(key);
  }

  forgetSession(sessionId: string): void {
    for (const [key, entry] of this.entries) if (entry.access.sessionId === sessionId) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
