using Broadcast.Accounts.Sessions;
using Broadcast.Accounts.Users;

namespace Broadcast.Accounts.Authentication;

/// <summary>The request's session, for logout, the CSRF check and <c>/api/auth/me</c>; set by the handler.</summary>
internal sealed record SessionFeature(string Token, StoredSession Session, UserAccount User);
