import type { LocalizedText } from '@crm/schemas';
import { http } from './http';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  locale: string | null;
  roles: string[];
  isAdmin: boolean;
  departmentId?: string | null;
  department?: { id: string; name: string } | null;
  roleLabels?: Record<string, LocalizedText>;
}

export const authApi = {
  async signIn(username: string, password: string): Promise<SessionUser> {
    return (await http<{ user: SessionUser }>('POST', '/auth/sign-in', { body: { username, password } })).user;
  },
  me: () => http<SessionUser>('GET', '/auth/me'),
  /** The signed-in user's own settings; the language is remembered on the server, per user. */
  updateMe: (change: { locale: string | null }) => http<SessionUser>('PATCH', '/auth/me', { body: change }),
  signOut: () => http<void>('POST', '/auth/sign-out'),
};
