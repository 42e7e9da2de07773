/** The shared browser infrastructure every landscape's components build on. */
export { ProblemError, api, type ApiOptions, type Problem } from './api.ts';
export { currentUser, hasRole, login, logout, sessionChanged, sessionId, token, type SessionUser } from './session.ts';
export { SseController, liveText, type Envelope } from './sse-controller.ts';
export { SessionController } from './session-controller.ts';
export { LoginForm } from './login-form.ts';
export { idLabel, shortId } from './short-id.ts';
