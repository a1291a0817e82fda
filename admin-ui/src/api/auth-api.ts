import { http } from './http';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  locale: string | null;
  roles: string[];
  isAdmin: boolean;
}

export const authApi = {
  async signIn(username: string, password: string): Promise<SessionUser> {
    return (await http<{ user: SessionUser }>('POST', '/auth/sign-in', { body: { username, password } })).user;
  },
  me: () => http<SessionUser>('GET', '/auth/me'),
  signOut: () => http<void>('POST', '/auth/sign-out'),
};
