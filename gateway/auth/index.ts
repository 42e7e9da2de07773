// Authentication and authorisation at the edge (rule 15). Names are listed, so what the
// app and the landscapes' routes may rely on is visible here.

export { createAuthRoutes, setUpAuth } from './auth-routes.ts';
export type { AuthRoutesOptions, AuthSetupOptions } from './auth-routes.ts';
export { ForbiddenError, forbidden, unauthorized } from './auth-problems.ts';
export { bearerToken, defaultTokenTtlSeconds, developmentJwtSecret, issueToken, readToken, resolveJwtSecret } from './jwt.ts';
export type { TokenOptions } from './jwt.ts';
export { loginRoute } from './login-route.ts';
export type { LoginOptions } from './login-route.ts';
export { constantTimeEqual, defaultIterations, hashPassword, minimumIterations, verifyPassword } from './passwords.ts';
export { authenticate, authenticated, currentUser, ownData, secure, securedSteps } from './secure.ts';
export type { AuthEnv, AuthSettings, AuthVariables } from './secure.ts';
export { checkSecurityModel } from './security-check.ts';
export type { SecurityCheckInput, SecurityFinding } from './security-check.ts';
export { mayPerform, mergeSecurityModels, operationsSecurityModel, rolesFor } from './security-model.ts';
export type { SecuredStep, SecurityModel } from './security-model.ts';
export { InMemoryUserDirectory, adminSeed, publicUser } from './users.ts';
export type { AuthenticatedUser, StoredUser, UserDirectory, UserSeed } from './users.ts';
