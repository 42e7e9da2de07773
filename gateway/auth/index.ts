// Authentication and authorisation at the edge (rule 15). Names are listed, so what the
// app and the landscapes' routes may rely on is visible here.

export { createAuthRoutes, setUpAuth } from './auth-routes.ts';
export type { AuthRoutesOptions, AuthSetupOptions } from './auth-routes.ts';
export { ForbiddenError, forbidden, unauthorized } from './auth-problems.ts';
export { bearerToken, defaultTokenTtlSeconds, developmentJwtSecret, issueToken, readToken, resolveJwtSecret } from './jwt.ts';
export type { TokenOptions } from './jwt.ts';
export { LoginLimiter } from './login-limiter.ts';
export type { LoginLimits } from './login-limiter.ts';
export { loginRoute } from './login-route.ts';
export type { LoginOptions } from './login-route.ts';
export { PasswordWork } from './password-work.ts';
export type { PasswordWorkOptions } from './password-work.ts';
export { constantTimeEqual, defaultIterations, hashPassword, iterationsOf, minimumIterations, verifyPassword } from './passwords.ts';
export { authenticate, authenticated, callerOf, currentUser, identify, ownData, secure, securedSteps, userOrRefusal } from './secure.ts';
export type { AuthEnv, AuthSettings, AuthVariables, Caller } from './secure.ts';
export { checkSecurityModel } from './security-check.ts';
export type { SecurityCheckInput, SecurityFinding } from './security-check.ts';
export { mayPerform, mergeSecurityModels, operationsSecurityModel, rolesFor } from './security-model.ts';
export type { SecuredStep, SecurityModel } from './security-model.ts';
export { accepts, commonLogin, landscapeScope } from './token-scope.ts';
export type { TokenAudience, TokenScope } from './token-scope.ts';
export { InMemoryUserDirectory, adminSeed, principalOf, publicUser } from './users.ts';
export type { AuthenticatedUser, StoredUser, UserDirectory, UserSeed } from './users.ts';
