// Who is signed in. The session token lives in an HttpOnly cookie the scripts never see; the CSRF value (which the
// server wants in X-Bcast-Csrf on every POST/PUT/PATCH/DELETE) is kept in memory only and fetched again from
// /api/auth/me after a reload.
export const session = {
  /** False while the controller has no accounts API (/api/auth/me answers 404): everything is open, no login. */
  accounts: true,
  /** The MeView of /api/auth/me, or null when signed out. */
  me: null,
  csrf: null,
};

export function signedIn() {
  return !session.accounts || session.me !== null;
}

/** The grant of a permission: 'district', 'commune' or null (names as in docs/accounts.md, case ignored). */
export function grant(permission) {
  if (!session.accounts) return 'district';
  const permissions = session.me?.permissions ?? {};
  const key = Object.keys(permissions).find((k) => k.toLowerCase() === permission.toLowerCase());
  return key ? permissions[key] : null;
}

export function can(permission) {
  return grant(permission) !== null;
}

/** Emergency priority needs the account's emergency permission on top of the Broadcast permission. */
export function canEmergency() {
  return !session.accounts || (can('Broadcast') && session.me?.emergencyPermission === true);
}

/** Commune ids the user is limited to, or null when the user acts district-wide for that permission. */
export function scopedCommunes(permission) {
  return grant(permission) === 'commune' ? (session.me?.communes ?? []).map((c) => c.id) : null;
}
